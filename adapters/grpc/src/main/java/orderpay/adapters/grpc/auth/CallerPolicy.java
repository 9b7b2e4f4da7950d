package orderpay.adapters.grpc.auth;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which services may call what: the edges the architecture draws, and no others. A grant names a
 * whole gRPC service or one method of it.
 */
public final class CallerPolicy {
  private final Map<String, Set<String>> grantsByCaller;

  private CallerPolicy(Map<String, Set<String>> grantsByCaller) {
    this.grantsByCaller = grantsByCaller;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everyone granted something: what the network policies must let through. */
  public Set<String> callers() {
    return grantsByCaller.keySet();
  }

  /** This policy with one grant more: {@code caller} may call every method of {@code service}. */
  public CallerPolicy alsoAllowing(String caller, ServiceDescriptor service) {
    var grants = new HashMap<>(grantsByCaller);
    var granted = new HashSet<>(grants.getOrDefault(caller, Set.of()));
    granted.add(service.getName());
    grants.put(caller, Set.copyOf(granted));
    return new CallerPolicy(Map.copyOf(grants));
  }

  public boolean allows(String caller, MethodDescriptor<?, ?> method) {
    Set<String> grants = grantsByCaller.getOrDefault(caller, Set.of());
    return grants.contains(method.getServiceName()) || grants.contains(method.getFullMethodName());
  }

  public static final class Builder {
    private final Map<String, Set<String>> grants = new HashMap<>();

    private Builder() {}

    /** {@code caller} may call every method of {@code service}. */
    public Builder allow(String caller, ServiceDescriptor service) {
      grants.computeIfAbsent(caller, c -> new HashSet<>()).add(service.getName());
      return this;
    }

    /** {@code caller} may call these methods only. */
    public Builder allow(String caller, MethodDescriptor<?, ?>... methods) {
      for (var method : methods) {
        grants.computeIfAbsent(caller, c -> new HashSet<>()).add(method.getFullMethodName());
      }
      return this;
    }

    public CallerPolicy build() {
      var frozen = new HashMap<String, Set<String>>();
      grants.forEach((caller, granted) -> frozen.put(caller, Set.copyOf(granted)));
      return new CallerPolicy(Map.copyOf(frozen));
    }
  }
}
