package dev.nexttoken.llamacpp;

/**
 * What {@code GET /props} says about the running server; a field the server did not send is null.
 *
 * @param totalSlots how many requests it serves in parallel ({@code --parallel})
 * @param modelPath the model file it loaded
 * @param chatTemplate the chat template it applies to chat requests
 * @param buildInfo its build ({@code b6000-abcdef0}); tells which probability format to expect
 * @param contextSize the context size of a slot ({@code n_ctx}), in tokens
 */
public record ServerProps(Integer totalSlots, String modelPath, String chatTemplate, String buildInfo, Integer contextSize) {}
