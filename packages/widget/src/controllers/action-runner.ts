/**
 * Core's `runAction` (handlers and webhooks), in the lazy `support-bot-remote.js` chunk with the
 * rest of what talks to a server: only bots whose forms run an action ever download it.
 */
export { runAction } from '@support-bot/core/actions';
