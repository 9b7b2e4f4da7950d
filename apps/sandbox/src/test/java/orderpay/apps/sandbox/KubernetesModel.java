package orderpay.apps.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rendered Kubernetes manifests into fabric8's typed object model (the model alone: no
 * client, no cluster) and says what in them the model does not know: a document whose apiVersion
 * and kind name no class of the model (it would come back as a {@link GenericKubernetesResource}),
 * a value of the wrong type, and a field that no class has (a misspelt {@code readinesProbe}),
 * which the model would otherwise keep quietly in an object's {@code additionalProperties}.
 */
final class KubernetesModel {
  private static final YAMLMapper YAML = new YAMLMapper();

  private KubernetesModel() {}

  /** Every document of a YAML stream as its typed object; any problem fails with all of them. */
  static List<HasMetadata> read(String yaml) {
    var problems = new ArrayList<String>();
    var objects = read(yaml, problems);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "not what the Kubernetes model knows:\n" + String.join("\n", problems));
    }
    return objects;
  }

  /** What the model does not know in a YAML stream, one line each; empty when it knows all. */
  static List<String> problems(String yaml) {
    var problems = new ArrayList<String>();
    read(yaml, problems);
    return problems;
  }

  private static List<HasMetadata> read(String yaml, List<String> problems) {
    var objects = new ArrayList<HasMetadata>();
    List<JsonNode> documents;
    try (var all = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      documents = all.readAll();
    } catch (JacksonException unreadable) {
      problems.add("not YAML: " + unreadable.getOriginalMessage());
      return objects;
    }
    for (int i = 0; i < documents.size(); i++) {
      var document = documents.get(i);
      if (document == null || !document.isObject()) {
        problems.add("document " + (i + 1) + ": not an object");
        continue;
      }
      String apiVersion = document.path("apiVersion").asString("");
      String kind = document.path("kind").asString("");
      String label =
          kind
              + " "
              + document.path("metadata").path("name").asString("(document " + (i + 1) + ")");
      KubernetesResource object;
      try {
        object = YAML.treeToValue(document, KubernetesResource.class);
      } catch (JacksonException wrongType) {
        problems.add(label + ": " + wrongType.getOriginalMessage());
        continue;
      }
      if (object instanceof GenericKubernetesResource) {
        problems.add(
            label
                + ": apiVersion "
                + apiVersion
                + ", kind "
                + kind
                + " is no kind the model knows");
        continue;
      }
      if (!(object instanceof HasMetadata typed)
          || !apiVersion.equals(HasMetadata.getApiVersion(typed.getClass()))
          || !kind.equals(HasMetadata.getKind(typed.getClass()))) {
        problems.add(label + ": read as " + object.getClass().getName());
        continue;
      }
      unknownFields(typed, "", label, problems);
      objects.add(typed);
    }
    return objects;
  }

  /**
   * Walks a model object's fields, and the lists and maps in them, down to plain values; every key
   * left in an {@code additionalProperties} is a field that the class does not have.
   */
  private static void unknownFields(
      Object value, String path, String label, List<String> problems) {
    switch (value) {
      case null -> {}
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          unknownFields(list.get(i), path + "[" + i + "]", label, problems);
        }
      }
      case Map<?, ?> map ->
          map.forEach((key, item) -> unknownFields(item, path + "." + key, label, problems));
      default -> {
        if (!value.getClass().getName().startsWith("io.fabric8.") || value.getClass().isEnum()) {
          return;
        }
        for (var type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
          for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
              continue;
            }
            field.setAccessible(true);
            Object content;
            try {
              content = field.get(value);
            } catch (IllegalAccessException unreachable) {
              throw new IllegalStateException(unreachable);
            }
            if (field.getName().equals("additionalProperties")) {
              if (content instanceof Map<?, ?> extra) {
                extra
                    .keySet()
                    .forEach(
                        key ->
                            problems.add(
                                label
                                    + ": "
                                    + (path.isEmpty() ? "" : path.substring(1) + ".")
                                    + key
                                    + " is no field of "
                                    + value.getClass().getSimpleName()));
              }
            } else {
              unknownFields(content, path + "." + jsonName(field), label, problems);
            }
          }
        }
      }
    }
  }

  private static String jsonName(Field field) {
    var property = field.getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? field.getName() : property.value();
  }
}
