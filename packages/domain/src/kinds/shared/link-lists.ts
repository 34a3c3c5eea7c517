/** Appends to a link list, once per linked node (duplicate edges link once). */
export function pushLink(data: Record<string, unknown>, key: string, entry: { nodeId: string }): void {
  const list = Array.isArray(data[key]) ? (data[key] as { nodeId: string }[]) : [];
  if (!list.some((e) => e.nodeId === entry.nodeId)) list.push(entry);
  data[key] = list;
}
