/**
 * `@support-bot/core/limits`: limits the engine applies that a page also needs (the widget's input
 * length), in a module with no dependencies, so importing it never pulls in the engine.
 */

/**
 * Longest message kept, in characters. The model reads at most a few hundred tokens anyway;
 * cutting first keeps tokenizing a pasted novel cheap.
 */
export const MAX_MESSAGE_CHARS = 2000;
