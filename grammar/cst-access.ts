// Typed access to Chevrotain CST children, shared by the AST builder classes.

import type { CstChildrenDictionary, CstElement, CstNode, IToken } from 'chevrotain';

export type Ctx = CstChildrenDictionary;

export const isToken = (e: CstElement): e is IToken => 'image' in e;
const isNode = (e: CstElement): e is CstNode => !('image' in e);

/** A grammar/builder mismatch: a bug, never a user error. */
export function internal(what: string): Error {
  return new Error(`internal parser error: ${what}`);
}
export function tokens(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []).filter(isToken);
}
export function optToken(ctx: Ctx, key: string): IToken | undefined {
  return tokens(ctx, key)[0];
}
export function token(ctx: Ctx, key: string): IToken {
  const t = optToken(ctx, key);
  if (t === undefined) throw internal(`missing token ${key}`);
  return t;
}
export function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []).filter(isNode);
}
export function optNode(ctx: Ctx, key: string): Ctx | undefined {
  return nodes(ctx, key)[0]?.children;
}
export function node(ctx: Ctx, key: string): Ctx {
  const n = optNode(ctx, key);
  if (n === undefined) throw internal(`missing node ${key}`);
  return n;
}
/** The one sub-rule child of a rule made of alternatives. */
export function onlyNode(ctx: Ctx): CstNode {
  for (const list of Object.values(ctx)) {
    const n = list.find(isNode);
    if (n !== undefined) return n;
  }
  throw internal('rule has no sub-rule');
}
