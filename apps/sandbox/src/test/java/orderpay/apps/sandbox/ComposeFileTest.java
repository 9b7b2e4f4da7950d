package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml follows the rules a reader of it relies on, checked without a Docker engine
 * (DockerComposeTest runs it where one exists): every service is health-checked, restarted and
 * memory-bounded, starts only after what it needs is healthy, topics exist before any service, and
 * no secret is written in the file.
 */
class ComposeFileTest {
  private static final Path DOCKER = Path.of("../../docker");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JWK).*");

  private static JsonNode compose() throws Exception {
    return new YAMLMapper().readTree(DOCKER.resolve("compose.yaml").toFile());
  }

  @Test
  void everyServiceIsHealthCheckedRestartedAndBounded() throws Exception {
    compose()
        .path("services")
        .properties()
        .forEach(
            entry -> {
              String name = entry.getKey();
              var service = entry.getValue();
              assertThat(service.path("restart").asText()).as(name).isNotBlank();
              assertThat(service.path("mem_limit").asText()).as(name).isNotBlank();
              if (!name.equals("topics")) { // a one-shot job: its exit status is its health
                assertThat(service.at("/healthcheck/test").isArray()).as(name).isTrue();
              }
            });
  }

  @Test
  void servicesStartOnlyAfterWhatTheyNeedIsHealthyAndTheTopicsExist() throws Exception {
    var services = compose().path("services");
    services
        .properties()
        .forEach(
            entry ->
                entry
                    .getValue()
                    .path("depends_on")
                    .properties()
                    .forEach(
                        dependency -> {
                          String condition = dependency.getValue().path("condition").asText();
                          String expected =
                              dependency.getKey().equals("topics")
                                  ? "service_completed_successfully"
                                  : "service_healthy";
                          assertThat(condition)
                              .as(entry.getKey() + " -> " + dependency.getKey())
                              .isEqualTo(expected);
                        }));
    for (String backend :
        new String[] {"user", "product", "inventory", "order", "payment", "notification"}) {
      assertThat(services.at("/" + backend + "-service/depends_on/topics").isMissingNode())
          .as(backend)
          .isFalse();
    }
    assertThat(services.at("/kafka/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText())
        .isEqualTo("false");
    String script = services.at("/topics/command/0").asText();
    for (String topic : KafkaTopics.all(new KafkaSettings("unused:9092", ""))) {
      assertThat(script).contains("create " + topic + " ");
    }
  }

  @Test
  void noSecretIsWrittenInTheFileAndTheSigningKeyIsKept() throws Exception {
    var services = compose().path("services");
    services
        .properties()
        .forEach(
            entry ->
                entry
                    .getValue()
                    .path("environment")
                    .properties()
                    .forEach(
                        variable -> {
                          if (SECRET_NAME.matcher(variable.getKey()).matches()) {
                            assertThat(variable.getValue().asText())
                                .as(entry.getKey() + " " + variable.getKey())
                                .startsWith("${");
                          }
                        }));
    var user = services.path("user-service");
    assertThat(user.at("/environment/ORDERPAY_JWT_KEY_FILE").asText())
        .startsWith("/var/lib/orderpay/");
    assertThat(user.path("volumes").toString()).contains("jwt-key:/var/lib/orderpay");
  }

  @Test
  void theImageIsSmallNonRootHealthCheckedAndBuiltFromSourcesOnly() throws Exception {
    String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains(
            "FROM eclipse-temurin:25-jre",
            "USER orderpay",
            "HEALTHCHECK",
            "ORDERPAY_LOG_FORMAT=JSON");
    String ignored = Files.readString(Path.of("../../.dockerignore"));
    assertThat(ignored).contains("**/target/", ".git/", ".orderpay-data/");
  }
}
