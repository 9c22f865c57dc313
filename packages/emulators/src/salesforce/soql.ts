/**
 * The SOQL subset the connector and admins' scripts need:
 *   SELECT f1, Rel.f2 | COUNT() FROM Obj [WHERE cond] [ORDER BY f [ASC|DESC], ...] [LIMIT n]
 * cond: comparisons (= != <> < <= > >= LIKE IN NOT IN) on fields against string, number, boolean, null,
 * date and datetime literals, combined with AND / OR / NOT and parentheses.
 */
export type Literal = string | number | boolean | null;

export type Condition =
  | { kind: "compare"; field: string; op: "=" | "!=" | "<" | "<=" | ">" | ">=" | "like"; value: Literal }
  | { kind: "in"; field: string; negated: boolean; values: Literal[] }
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "not"; inner: Condition };

export interface SoqlQuery {
  fields: string[];
  count: boolean;
  object: string;
  where: Condition | undefined;
  orderBy: { field: string; descending: boolean }[];
  limit: number | undefined;
}

export class SoqlError extends Error {
  readonly errorCode: string;
  constructor(message: string, errorCode = "MALFORMED_QUERY") {
    super(message);
    this.errorCode = errorCode;
  }
}

type Token = { type: "word" | "string" | "number" | "op" | "punct"; text: string };

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})(?![\dT])|(-?\d+(?:\.\d+)?)|(!=|<>|<=|>=|=|<|>)|([(),])|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(text);
    if (!m) throw new SoqlError(`unexpected token at: ${text.slice(index, index + 20)}`);
    index = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ type: "string", text: m[1].slice(1, -1).replace(/\\(.)/g, "$1") });
    else if (m[2] !== undefined) tokens.push({ type: "string", text: m[2] });
    else if (m[3] !== undefined) tokens.push({ type: "string", text: m[3] });
    else if (m[4] !== undefined) tokens.push({ type: "number", text: m[4] });
    else if (m[5] !== undefined) tokens.push({ type: "op", text: m[5] === "<>" ? "!=" : m[5] });
    else if (m[6] !== undefined) tokens.push({ type: "punct", text: m[6] });
    else if (m[7] !== undefined) tokens.push({ type: "word", text: m[7] });
  }
  return tokens;
}

export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string) => peek()?.type === "word" && peek()?.text.toUpperCase() === word;
  const expectWord = (word: string) => {
    if (!isWord(word)) throw new SoqlError(`expected ${word} near '${peek()?.text ?? "end of query"}'`);
    pos++;
  };
  const next = () => {
    const token = tokens[pos++];
    if (!token) throw new SoqlError("unexpected end of query");
    return token;
  };
  const readField = () => {
    const token = next();
    if (token.type !== "word") throw new SoqlError(`expected a field name, got '${token.text}'`);
    return token.text;
  };

  expectWord("SELECT");
  const fields: string[] = [];
  let count = false;
  if (isWord("COUNT") && tokens[pos + 1]?.text === "(" && tokens[pos + 2]?.text === ")") {
    count = true;
    pos += 3;
  } else {
    do {
      if (peek()?.text === ",") pos++;
      fields.push(readField());
    } while (peek()?.text === ",");
  }
  expectWord("FROM");
  const object = readField();

  const readLiteral = (): Literal => {
    const token = next();
    if (token.type === "string") return token.text;
    if (token.type === "number") return Number(token.text);
    if (token.type === "word") {
      const upper = token.text.toUpperCase();
      if (upper === "TRUE") return true;
      if (upper === "FALSE") return false;
      if (upper === "NULL") return null;
    }
    throw new SoqlError(`expected a value, got '${token.text}'`);
  };
  const readPrimary = (): Condition => {
    if (peek()?.text === "(") {
      pos++;
      const inner = readOr();
      if (next().text !== ")") throw new SoqlError("expected ')'");
      return inner;
    }
    if (isWord("NOT")) {
      pos++;
      return { kind: "not", inner: readPrimary() };
    }
    const field = readField();
    const negated = isWord("NOT");
    if (negated) pos++;
    if (isWord("IN")) {
      pos++;
      if (next().text !== "(") throw new SoqlError("expected '(' after IN");
      const values: Literal[] = [];
      do {
        if (peek()?.text === ",") pos++;
        values.push(readLiteral());
      } while (peek()?.text === ",");
      if (next().text !== ")") throw new SoqlError("expected ')' after IN list");
      return { kind: "in", field, negated, values };
    }
    if (isWord("LIKE")) {
      pos++;
      return { kind: "compare", field, op: "like", value: readLiteral() };
    }
    const op = next();
    if (op.type !== "op") throw new SoqlError(`expected an operator after ${field}, got '${op.text}'`);
    return { kind: "compare", field, op: op.text as "=", value: readLiteral() };
  };
  const readAnd = (): Condition => {
    let left = readPrimary();
    while (isWord("AND")) {
      pos++;
      left = { kind: "and", left, right: readPrimary() };
    }
    return left;
  };
  function readOr(): Condition {
    let left = readAnd();
    while (isWord("OR")) {
      pos++;
      left = { kind: "or", left, right: readAnd() };
    }
    return left;
  }

  let where: Condition | undefined;
  if (isWord("WHERE")) {
    pos++;
    where = readOr();
  }
  const orderBy: SoqlQuery["orderBy"] = [];
  if (isWord("ORDER")) {
    pos++;
    expectWord("BY");
    do {
      if (peek()?.text === ",") pos++;
      const field = readField();
      let descending = false;
      if (isWord("ASC")) pos++;
      else if (isWord("DESC")) {
        pos++;
        descending = true;
      }
      orderBy.push({ field, descending });
    } while (peek()?.text === ",");
  }
  let limit: number | undefined;
  if (isWord("LIMIT")) {
    pos++;
    const token = next();
    if (token.type !== "number") throw new SoqlError("LIMIT expects a number");
    limit = Number(token.text);
  }
  if (pos < tokens.length) throw new SoqlError(`unexpected '${tokens[pos]?.text}'`);
  return { fields, count, object, where, orderBy, limit };
}

/** Field names a query reads (select list, where clause, order), for access checks. */
export function referencedFields(query: SoqlQuery): string[] {
  const names = new Set<string>([...query.fields, ...query.orderBy.map((o) => o.field)]);
  const walk = (c: Condition | undefined) => {
    if (!c) return;
    if (c.kind === "compare" || c.kind === "in") names.add(c.field);
    else if (c.kind === "not") walk(c.inner);
    else {
      walk(c.left);
      walk(c.right);
    }
  };
  walk(query.where);
  return [...names];
}

/** Comparable form of a value: datetimes/dates as epoch ms, strings case-insensitively as SOQL does. */
export type Normalizer = (field: string, value: unknown) => number | string | boolean | null;

function compareValues(a: number | string | boolean | null, b: number | string | boolean | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchesCondition(
  condition: Condition | undefined,
  read: (field: string) => unknown,
  normalize: Normalizer,
): boolean {
  if (!condition) return true;
  switch (condition.kind) {
    case "and":
      return matchesCondition(condition.left, read, normalize) && matchesCondition(condition.right, read, normalize);
    case "or":
      return matchesCondition(condition.left, read, normalize) || matchesCondition(condition.right, read, normalize);
    case "not":
      return !matchesCondition(condition.inner, read, normalize);
    case "in": {
      const value = normalize(condition.field, read(condition.field));
      const found = condition.values.some((v) => compareValues(value, normalize(condition.field, v)) === 0);
      return condition.negated ? !found : found;
    }
    case "compare": {
      const value = normalize(condition.field, read(condition.field));
      const target = normalize(condition.field, condition.value);
      if (condition.op === "like") {
        const pattern = String(condition.value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
        return value !== null && new RegExp(`^${pattern}$`, "i").test(String(value));
      }
      if ((value === null || target === null) && condition.op !== "=" && condition.op !== "!=") return false;
      const order = compareValues(value, target);
      switch (condition.op) {
        case "=":
          return order === 0;
        case "!=":
          return order !== 0;
        case "<":
          return order < 0;
        case "<=":
          return order <= 0;
        case ">":
          return order > 0;
        case ">=":
          return order >= 0;
      }
    }
  }
}

export function compareByOrder(
  orderBy: SoqlQuery["orderBy"],
  readA: (field: string) => unknown,
  readB: (field: string) => unknown,
  normalize: Normalizer,
): number {
  for (const { field, descending } of orderBy) {
    // Id compares case-sensitively (its base62 order is creation order); text otherwise case-insensitively.
    const order = compareValues(normalize(field, readA(field)), normalize(field, readB(field)));
    if (order !== 0) return descending ? -order : order;
  }
  return 0;
}
