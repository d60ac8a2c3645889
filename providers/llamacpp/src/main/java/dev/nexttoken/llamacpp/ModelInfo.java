package dev.nexttoken.llamacpp;

/**
 * The model a server serves, from {@code GET /v1/models}; a field the server did not send is null.
 *
 * @param id the model's name (its alias, or the file path)
 * @param vocabularySize the number of tokens in its vocabulary ({@code n_vocab})
 * @param trainingContextSize the context length it was trained with ({@code n_ctx_train})
 * @param embeddingSize its embedding width ({@code n_embd})
 * @param parameterCount its number of parameters ({@code n_params})
 * @param sizeBytes the size of its weights in bytes ({@code size})
 */
public record ModelInfo(
    String id, Integer vocabularySize, Integer trainingContextSize, Integer embeddingSize, Long parameterCount, Long sizeBytes) {}
