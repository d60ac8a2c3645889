package dev.nexttoken.openai;

import dev.nexttoken.Environment;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.ModelBuilder;

/**
 * What both OpenAI routes ({@link OpenAiModel}'s chat and legacy completions, and
 * {@link OpenAiResponsesModel}) configure alike: the organization and project headers, the dialect
 * derived from the base URL, and reading key and base URL from the environment. One place, so the
 * two builders cannot drift apart.
 */
final class OpenAiAccount {
  private String organization;
  private String project;

  /** Sent as {@code OpenAI-Organization}; null or blank sends none. */
  void organization(String value) {
    organization = blankToNull(value);
  }

  /** Sent as {@code OpenAI-Project}; null or blank sends none. */
  void project(String value) {
    project = blankToNull(value);
  }

  /** {@code transport} with the account's headers, built. */
  HttpTransport build(HttpTransport.Builder transport) {
    if (organization != null) {
      transport.header("OpenAI-Organization", organization);
    }
    if (project != null) {
      transport.header("OpenAI-Project", project);
    }
    return transport.build();
  }

  /** The dialect {@code fixed} by the caller, else the one {@code transport}'s base URL implies. */
  static OpenAiDialect dialect(OpenAiDialect fixed, HttpTransport transport) {
    return fixed != null ? fixed
        : transport.baseUrl().host().equals("api.openai.com") ? OpenAiDialect.OPENAI : OpenAiDialect.COMPATIBLE;
  }

  /**
   * Sets {@code builder}'s key and base URL from {@code env} where they are set there ({@code prefix}
   * names the system properties {@code prefix.apiKey} / {@code prefix.baseUrl}, {@code variables}
   * the environment variables {@code variables_API_KEY} / {@code variables_BASE_URL}); what is unset
   * stays unset.
   */
  static <B extends ModelBuilder<B>> B keyAndBaseUrl(B builder, Environment env, String prefix, String variables) {
    String key = env.get(prefix + ".apiKey", variables + "_API_KEY");
    if (key != null) {
      builder.apiKey(key);
    }
    String baseUrl = env.get(prefix + ".baseUrl", variables + "_BASE_URL");
    if (baseUrl != null) {
      builder.baseUrl(baseUrl);
    }
    return builder;
  }

  /** The organization and project from {@code env} ({@code openai.orgId} / {@code OPENAI_ORG_ID}, {@code openai.projectId} / {@code OPENAI_PROJECT_ID}). */
  void organizationAndProject(Environment env) {
    organization(env.get("openai.orgId", "OPENAI_ORG_ID"));
    project(env.get("openai.projectId", "OPENAI_PROJECT_ID"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
