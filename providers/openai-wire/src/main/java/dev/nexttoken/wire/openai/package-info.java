/**
 * OpenAI's chat-completions wire ({@code POST /v1/chat/completions}), written once for every
 * provider that speaks it: the openai provider and llama.cpp's. An implementation detail of those
 * providers, public only because two modules use it: not API, may change in any release; depend on
 * a provider, never on this package.
 *
 * <p>{@link dev.nexttoken.wire.openai.ChatWire} is the entry point; a
 * {@link dev.nexttoken.wire.openai.ChatDialect} holds every difference between servers (field
 * names, llama.cpp's extra request fields, how strictly alternatives are read), so a fix to the
 * wire reaches every provider at once. Request bodies are written by hand and strictly (null fields
 * are not sent); responses are read by hand ({@link dev.nexttoken.wire.openai.ChatResponseReader},
 * the hot path of every chat call) and tolerantly.
 */
package dev.nexttoken.wire.openai;
