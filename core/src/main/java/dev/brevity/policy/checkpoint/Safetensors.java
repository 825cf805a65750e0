package dev.brevity.policy.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes one {@code .safetensors} file: an 8-byte little-endian header length, a JSON
 * header mapping each tensor name to {@code dtype}, {@code shape} and {@code data_offsets}, then
 * the raw little-endian data. Tensors are read one at a time straight from the file, and BF16/F16
 * tensors (as Hugging Face models are usually published) are widened to float32 in Java, since
 * DJL's PyTorch engine cannot hold BF16. Writing puts tensors in name order with {@code
 * {"format":"pt"}} metadata, as {@code save_pretrained} does, so the same weights give the same
 * bytes.
 */
final class Safetensors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "__metadata__";
  private static final long MAX_HEADER_BYTES = 100L << 20;
  private static final int ALIGNMENT = 8;

  static {
    // Nothing downloads at run time: DJL stays offline and sends no telemetry.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private Safetensors() {}

  /**
   * Reads {@code dir/file} into {@code manager}, keyed by tensor name, half precision widened.
   *
   * @throws CheckpointException naming the file (and tensor) if it is missing or malformed
   */
  static SortedMap<String, NDArray> read(Path dir, String file, NDManager manager) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new CheckpointException(dir, file, "is missing");
    }
    requireLittleEndian(dir, file);
    SortedMap<String, NDArray> tensors = new TreeMap<>();
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long headerBytes = readFully(channel, 0, ByteBuffer.allocate(8)).getLong();
      long dataStart = 8 + headerBytes;
      if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES || dataStart > channel.size()) {
        throw undecodable(dir, file, "header length " + headerBytes + " does not fit the file");
      }
      JsonNode header =
          JSON.readTree(readFully(channel, 8, ByteBuffer.allocate((int) headerBytes)).array());
      if (header == null || !header.isObject()) {
        throw undecodable(dir, file, "the header is not a JSON object");
      }
      long dataBytes = channel.size() - dataStart;
      for (Map.Entry<String, JsonNode> field : header.properties()) {
        if (!field.getKey().equals(METADATA)) {
          TensorHeader tensor = TensorHeader.parse(dir, file, field.getKey(), field.getValue());
          tensor.requireWithin(dir, file, dataBytes);
          tensors.put(tensor.name(), tensor.load(channel, dataStart, manager));
        }
      }
    } catch (IOException | RuntimeException e) {
      tensors.values().forEach(NDArray::close);
      if (e instanceof CheckpointException checkpointError) {
        throw checkpointError;
      }
      throw undecodable(dir, file, String.valueOf(e), e);
    }
    return tensors;
  }

  /**
   * Writes {@code tensors} to {@code dir/file} (which must not exist) in name order, synced.
   *
   * @throws CheckpointException naming the file if it cannot be written
   */
  static void write(Path dir, String file, Map<String, NDArray> tensors) {
    requireLittleEndian(dir, file);
    SortedMap<String, NDArray> sorted = new TreeMap<>(tensors);
    ObjectNode header = JSON.createObjectNode();
    header.putObject(METADATA).put("format", "pt");
    long offset = 0;
    for (var entry : sorted.entrySet()) {
      NDArray array = entry.getValue();
      long bytes = array.size() * array.getDataType().getNumOfBytes();
      ObjectNode tensor = header.putObject(entry.getKey());
      tensor.put("dtype", array.getDataType().asSafetensors());
      ArrayNode shape = tensor.putArray("shape");
      for (long dimension : array.getShape().getShape()) {
        shape.add(dimension);
      }
      tensor.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    try {
      byte[] headerJson = paddedHeader(header);
      DurableFiles.write(
          dir.resolve(file),
          out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            out.write(length.putLong(headerJson.length).array());
            out.write(headerJson);
            for (NDArray array : sorted.values()) {
              ByteBuffer data = array.toByteBuffer();
              byte[] chunk = new byte[Math.min(data.remaining(), 1 << 20)];
              while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
              }
            }
          });
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException(dir, file, "cannot be written: " + e, e);
    }
  }

  /** The header JSON padded with spaces to a multiple of 8 bytes, so tensor data is aligned. */
  private static byte[] paddedHeader(ObjectNode header) throws IOException {
    String json = JSON.writeValueAsString(header);
    int padding =
        (ALIGNMENT - json.getBytes(StandardCharsets.UTF_8).length % ALIGNMENT) % ALIGNMENT;
    return (json + " ".repeat(padding)).getBytes(StandardCharsets.UTF_8);
  }

  /** One tensor's header entry; offsets are relative to the start of the data section. */
  private record TensorHeader(String name, String dtype, long[] shape, long begin, long end) {

    static TensorHeader parse(Path dir, String file, String name, JsonNode entry) {
      JsonNode shape = entry.get("shape");
      JsonNode offsets = entry.get("data_offsets");
      if (!entry.path("dtype").isTextual()
          || shape == null
          || !shape.isArray()
          || offsets == null
          || !offsets.isArray()
          || offsets.size() != 2) {
        throw undecodable(dir, file, "tensor " + name + " needs dtype, shape and data_offsets");
      }
      long[] dimensions = new long[shape.size()];
      for (int i = 0; i < dimensions.length; i++) {
        dimensions[i] = shape.get(i).asLong(-1);
      }
      return new TensorHeader(
          name,
          entry.get("dtype").asText(),
          dimensions,
          offsets.get(0).asLong(-1),
          offsets.get(1).asLong(-1));
    }

    void requireWithin(Path dir, String file, long dataBytes) {
      long elements = 1;
      for (long dimension : shape) {
        if (dimension < 0) {
          throw undecodable(dir, file, "tensor " + name + " has a negative dimension");
        }
        elements = Math.multiplyExact(elements, dimension);
      }
      if (begin < 0 || end < begin || end > dataBytes) {
        throw undecodable(
            dir, file, "tensor " + name + " data [" + begin + ", " + end + ") is outside the file");
      }
      if (end - begin != Math.multiplyExact(elements, bytesPerElement(dir, file))) {
        throw undecodable(
            dir,
            file,
            "tensor " + name + " has " + (end - begin) + " bytes for " + elements + " " + dtype);
      }
    }

    NDArray load(FileChannel channel, long dataStart, NDManager manager) throws IOException {
      int bytes = Math.toIntExact(end - begin);
      NDArray array;
      if (dtype.equals("BF16") || dtype.equals("F16")) {
        ByteBuffer raw = readFully(channel, dataStart + begin, ByteBuffer.allocate(bytes));
        array = manager.create(widen(raw), new Shape(shape), DataType.FLOAT32);
      } else {
        ByteBuffer raw = readFully(channel, dataStart + begin, ByteBuffer.allocateDirect(bytes));
        array = manager.create(raw, new Shape(shape), DataType.fromSafetensors(dtype));
      }
      array.setName(name);
      return array;
    }

    private int bytesPerElement(Path dir, String file) {
      try {
        return switch (dtype) {
          case "BF16", "F16" -> 2;
          default -> DataType.fromSafetensors(dtype).getNumOfBytes();
        };
      } catch (IllegalArgumentException e) {
        throw undecodable(dir, file, "tensor " + name + " has unsupported dtype " + dtype, e);
      }
    }

    /** Half precision little-endian bytes as a direct buffer of float32 values. */
    private ByteBuffer widen(ByteBuffer raw) {
      int count = raw.remaining() / 2;
      ByteBuffer floats = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder());
      boolean brain = dtype.equals("BF16");
      for (int i = 0; i < count; i++) {
        short bits = raw.getShort();
        floats.putFloat(brain ? HalfFloats.bf16ToFloat(bits) : HalfFloats.f16ToFloat(bits));
      }
      return floats.flip();
    }
  }

  /** Fills {@code buffer} from {@code position}; returns it flipped, little-endian. */
  private static ByteBuffer readFully(FileChannel channel, long position, ByteBuffer buffer)
      throws IOException {
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("file ends " + buffer.remaining() + " bytes early");
      }
    }
    return buffer.flip();
  }

  private static void requireLittleEndian(Path dir, String file) {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new CheckpointException(dir, file, "needs a little-endian machine to be read as-is");
    }
  }

  private static CheckpointException undecodable(Path dir, String file, String why) {
    return undecodable(dir, file, why, null);
  }

  private static CheckpointException undecodable(
      Path dir, String file, String why, Throwable cause) {
    return new CheckpointException(dir, file, "cannot be decoded as safetensors: " + why, cause);
  }
}
