/** A position in a text, 1-based line and column. */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

/**
 * Where `JSON.parse` fails on `text`. V8 only sometimes puts the offset in its message,
 * so this scans the text itself; it returns `undefined` for valid JSON.
 */
export function jsonErrorPosition(text: string): TextPosition | undefined {
  const offset = new JsonScanner(text).firstError();
  if (offset === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

class JsonScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  firstError(): number | undefined {
    try {
      this.value();
      this.ws();
      if (this.i < this.text.length) throw new SyntaxAt(this.i);
      return undefined;
    } catch (error) {
      // Anything else (a stack overflow on absurd nesting) leaves the position unknown.
      return error instanceof SyntaxAt ? error.offset : undefined;
    }
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] as string)) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) throw new SyntaxAt(this.i);
    this.i++;
  }

  private value(): void {
    this.ws();
    const char = this.text[this.i];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else this.scalar();
  }

  private scalar(): void {
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (number === null) throw new SyntaxAt(this.i);
    this.i += number[0].length;
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.string();
      this.ws();
      this.expect(':');
      this.value();
      this.ws();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect('}');
      return;
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect(']');
      return;
    }
  }

  private string(): void {
    this.expect('"');
    while (this.i < this.text.length) {
      const code = this.text.charCodeAt(this.i);
      if (code === 0x22) {
        this.i++;
        return;
      }
      if (code < 0x20) throw new SyntaxAt(this.i);
      if (code === 0x5c) {
        const escaped = this.text[this.i + 1] ?? '';
        if ('"\\/bfnrt'.includes(escaped) && escaped !== '') this.i += 2;
        else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)))
          this.i += 6;
        else throw new SyntaxAt(this.i);
      } else {
        this.i++;
      }
    }
    throw new SyntaxAt(this.i);
  }
}
