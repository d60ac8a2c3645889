package dev.nexttoken;

/**
 * One part of a message's content: text or an image. A message is a list of parts so that a user
 * can send "what is in this picture?" and the picture in one turn.
 */
public sealed interface ContentPart permits ContentPart.Text, ImagePart {

  /** A text part. */
  static Text text(String text) {
    return new Text(text);
  }

  /** @param text the text; may be empty but not null */
  record Text(String text) implements ContentPart {
    public Text {
      java.util.Objects.requireNonNull(text, "text");
    }
  }
}
