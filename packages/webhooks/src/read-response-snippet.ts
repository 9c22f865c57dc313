/**
 * The first `maxChars` characters of a response body, reading no more than needed and cancelling the rest:
 * a receiver that answers with a huge (or endless) body must not fill the sender's memory.
 */
export async function readResponseSnippet(response: Response, maxChars: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < maxChars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    // Stops the download (and frees the socket) when we stopped early; a no-op once the body is consumed.
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, maxChars);
}
