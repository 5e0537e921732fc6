export type { Answer, AnswerPassage, Citation } from './extractive.js';
export { extractiveAnswer, NO_ANSWER } from './extractive.js';
export type { ChatClient, ChatMessage } from './llm.js';
export { createChatClient } from './llm.js';
