package example.worker;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A worker for Vigil's {@code eventbus} task handler. It joins the Vigil cluster (Hazelcast over TCP to the listed
 * members, never multicast), consumes {@code vigil.worker.<type>} for each type it serves, and answers each task by the
 * JSON contract in the README: reply = success, {@code fail(4xx)} = permanent, any other failure or no reply in time =
 * retryable. Vert.x and Hazelcast only; nothing of Vigil.
 *
 * <p>What this example does with a task's payload (a real worker does its own work here):
 * {@code {"echo": x}} answers {@code {"worker", "echo": x}}; {@code {"work_ms": n}} answers after n ms (a timer: the
 * event loop is never blocked); {@code {"fail": "permanent"|"retryable"}} fails with 422 or 503;
 * {@code {"hang_on_attempt": k}} never answers attempt k (a worker that hangs or dies with the task).
 *
 * <p>Settings, from the environment (the names Vigil uses): {@code VIGIL_CLUSTER_NAME} (vigil), {@code VIGIL_CLUSTER_HOST}
 * (127.0.0.1), {@code VIGIL_CLUSTER_PORT} (5701, the next free one when taken), {@code VIGIL_CLUSTER_MEMBERS}
 * (127.0.0.1), and {@code WORKER_TYPES} (comma-separated task types, default {@code remote}), {@code WORKER_NAME}.
 */
public final class Worker {
  private Worker() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String name = env.getOrDefault("WORKER_NAME", "worker-" + ProcessHandle.current().pid());
    List<String> types = Arrays.stream(env.getOrDefault("WORKER_TYPES", "remote").split(","))
        .map(String::trim).filter(t -> !t.isEmpty()).toList();
    String host = env.getOrDefault("VIGIL_CLUSTER_HOST", "127.0.0.1");

    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(host).setPort(0); // the clustered bus on the cluster interface
    Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(env, host)))
        .buildClustered()
        .onSuccess(vertx -> {
          for (String type : types) {
            vertx.eventBus().<JsonObject>consumer("vigil.worker." + type, task -> work(vertx, name, task))
                .completion()
                .onSuccess(v -> System.out.println(name + " serves vigil.worker." + type));
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
        })
        .onFailure(error -> {
          System.err.println(name + " could not join the cluster: " + error.getMessage());
          System.exit(1);
        });
  }

  /** The same network rules as a Vigil node: bind one interface, join the listed members over TCP only. */
  static Config hazelcast(Map<String, String> env, String host) {
    Config config = ConfigUtil.loadConfig(); // Vert.x's map settings, as a Vigil node has them
    config.setClusterName(env.getOrDefault("VIGIL_CLUSTER_NAME", "vigil"));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(Integer.parseInt(env.getOrDefault("VIGIL_CLUSTER_PORT", "5701"))).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).clear().addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true)
        .setMembers(Arrays.asList(env.getOrDefault("VIGIL_CLUSTER_MEMBERS", "127.0.0.1").split(",")));
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    return config;
  }

  /** One task: {id, type, queue, attempt, payload} in, a JSON reply or a coded failure out. */
  static void work(Vertx vertx, String name, Message<JsonObject> task) {
    JsonObject body = task.body();
    int attempt = body.getInteger("attempt", 1);
    JsonObject payload = body.getJsonObject("payload", new JsonObject());
    System.out.println(name + " received " + body.getString("id") + " attempt " + attempt
        + " (request " + task.headers().get("x-request-id") + ")");
    if (payload.getInteger("hang_on_attempt", 0) == attempt) return; // no answer: Vigil's attempt timeout decides
    String fail = payload.getString("fail");
    if ("permanent".equals(fail)) {
      task.fail(422, "the payload cannot be processed");
      return;
    }
    if ("retryable".equals(fail)) {
      task.fail(503, "try again later");
      return;
    }
    JsonObject result = new JsonObject().put("worker", name).put("attempt", attempt)
        .put("echo", payload.getValue("echo"));
    long workMs = payload.getLong("work_ms", 0L);
    if (workMs > 0) vertx.setTimer(workMs, id -> task.reply(result));
    else task.reply(result);
  }
}
