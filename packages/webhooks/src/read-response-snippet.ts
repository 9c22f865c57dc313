/**
 * The first `maxChars` characters of a response body, reading no more than needed and cancelling the rest:
 * a receiver that answers with a huge (or endless) body must not fill the sender's memory. Leaving the loop
 * early cancels a web stream and destroys a Node stream (which frees the socket).
 */
export async function readResponseSnippet(body: AsyncIterable<Uint8Array> | null, maxChars: number): Promise<string> {
  if (!body) return "";
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of body) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= maxChars) break;
  }
  return text.slice(0, maxChars);
}
