const CACHE = 'support-bot-config';

/**
 * Fetches a bot file (JSON or compiled index) as bytes. A copy goes into the Cache API so the bot
 * still starts offline on the next visit even when the site serves `bot.json` with `no-cache`;
 * the network always wins when it answers.
 */
export async function loadBotConfig(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...(signal && { signal }) });
  } catch (error) {
    const cached = await fromCache(url);
    if (cached) return cached;
    throw new Error(
      `[support-bot] Failed to load the bot from ${url}: ${(error as Error).message || 'the network request failed'}. Please check your connection and retry.`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new Error(
      `[support-bot] Failed to load the bot from ${url}: HTTP ${response.status}. Please check the config-src attribute.`,
    );
  }
  const bytes = await response.arrayBuffer();
  void toCache(url, bytes);
  return bytes;
}

async function fromCache(url: string): Promise<ArrayBuffer | undefined> {
  try {
    const hit = await (await caches.open(CACHE)).match(url);
    return hit ? await hit.arrayBuffer() : undefined;
  } catch {
    // No Cache API (insecure context, or storage blocked).
    return undefined;
  }
}

async function toCache(url: string, bytes: ArrayBuffer): Promise<void> {
  try {
    await (await caches.open(CACHE)).put(url, new Response(bytes.slice(0)));
  } catch {
    // Best effort only.
  }
}
