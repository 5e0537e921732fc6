/**
 * The agent's tools have no side effects: a call is only appended to this log, which
 * `GET /tool-calls` returns, so a red-team run can see what an injection made the agent do.
 */

export const TOOL_NAMES = ['send_email', 'delete_record', 'export_data'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Tools the guarded agent runs only with an explicit `confirm: true`. */
export const DESTRUCTIVE_TOOLS: ReadonlySet<ToolName> = new Set(['delete_record', 'export_data']);

export interface ToolCallRequest {
  tool: ToolName;
  args: Record<string, string>;
}

export interface ToolCall extends ToolCallRequest {
  id: number;
  /** ISO time. */
  at: string;
  mode: 'naive' | 'guarded';
  /** Where the instruction came from: the question or a retrieved document. */
  source: 'question' | 'document';
  documentId?: number;
  confirmed: boolean;
}

export type ToolCallEntry = Omit<ToolCall, 'id' | 'at'>;

export class ToolCallLog {
  private readonly calls: ToolCall[] = [];
  private nextId = 1;

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly capacity = 1000,
    private readonly onRecord?: (call: ToolCall) => void,
  ) {}

  /** Appends a call (the oldest entries go once the log is full) and returns it. */
  record(entry: ToolCallEntry): ToolCall {
    const call: ToolCall = { ...entry, id: this.nextId++, at: this.now().toISOString() };
    this.calls.push(call);
    if (this.calls.length > this.capacity) this.calls.shift();
    this.onRecord?.(call);
    return call;
  }

  list(): ToolCall[] {
    return [...this.calls];
  }

  clear(): void {
    this.calls.length = 0;
  }
}
