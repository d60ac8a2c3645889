package dev.nexttoken;

import java.util.Objects;

/**
 * One chat message: a role and its text.
 *
 * @param role who speaks
 * @param content the text; may be empty but not null
 */
public record Message(Role role, String content) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  public static Message developer(String content) {
    return new Message(Role.DEVELOPER, content);
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }
}
