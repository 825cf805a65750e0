package dev.brevity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.eval.PolicyEvaluation.Completion;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes judged completions as JSONL, one object per line: {@code id, question, answer, difficulty,
 * sample, correct, length, finish, text}. Without a file it discards them.
 */
final class CompletionWriter implements Consumer<Completion>, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;

  /** A writer to {@code file} (created or truncated), or one that discards if it is null. */
  CompletionWriter(Path file) throws IOException {
    this.out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public void accept(Completion completion) {
    if (out == null) {
      return;
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("id", completion.problem().id());
    line.put("question", completion.problem().question());
    line.put("answer", completion.problem().answer());
    line.put("difficulty", completion.problem().difficulty());
    line.put("sample", completion.sample());
    line.put("correct", completion.correct());
    line.put("length", completion.length());
    line.put("finish", completion.finish().name().toLowerCase());
    line.put("text", completion.text());
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
