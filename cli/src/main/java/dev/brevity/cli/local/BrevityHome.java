package dev.brevity.cli.local;

import dev.brevity.launcher.PackagedService;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Brevity checkout the command runs from: where the packaged services, the shipped reference
 * model and the bundled run configurations are. The launcher names it ({@code -Dbrevity.home});
 * otherwise it is found from where this class was loaded ({@code cli/target/...}).
 */
public record BrevityHome(Path root) {

  /** The checkout, checked to hold the reference model. */
  public static BrevityHome locate() {
    String property = System.getProperty("brevity.home");
    Path root = property != null ? Path.of(property) : fromCodeSource();
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("models/reference/model.safetensors"))) {
      throw new IllegalStateException(
          root + " is not a Brevity checkout (no models/reference): run ./brevity from one");
    }
    return new BrevityHome(root);
  }

  /** The packaged service of {@code module}, e.g. {@code trainer-service}. */
  public Path serviceJar(String module) {
    return PackagedService.jar(root.resolve(module));
  }

  /** The shipped reference policy, version 0 of every run. */
  public Path referenceModel() {
    return root.resolve("models/reference");
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  private static Path fromCodeSource() {
    try {
      // .../cli/target/brevity-cli.jar or .../cli/target/classes
      Path location =
          Path.of(BrevityHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
