package orderpay.adapters.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Resolves a fixed list of replicas, {@code addresses:///host:port,host:port}: the shape of a
 * service run as several processes with known ports (e.g. {@code ./orderpay cluster}), where no DNS
 * name stands for them all. The channel balances over them round robin and skips the ones down.
 */
final class AddressListResolver extends NameResolver {
  static final String SCHEME = "addresses";
  private final String authority;
  private final List<EquivalentAddressGroup> addresses;

  private AddressListResolver(String authority, List<EquivalentAddressGroup> addresses) {
    this.authority = authority;
    this.addresses = addresses;
  }

  /** {@code host:port,host:port} as the list of addresses a channel connects to. */
  static List<EquivalentAddressGroup> parse(String list) {
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .map(
            entry -> {
              int colon = entry.lastIndexOf(':');
              if (colon <= 0) {
                throw new IllegalArgumentException("expected host:port in '" + list + "'");
              }
              return new EquivalentAddressGroup(
                  new InetSocketAddress(
                      entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1))));
            })
        .toList();
  }

  @Override
  public String getServiceAuthority() {
    return authority;
  }

  @Override
  public void start(Listener2 listener) {
    if (addresses.isEmpty()) {
      listener.onError(Status.UNAVAILABLE.withDescription("no addresses in " + authority));
      return;
    }
    listener.onResult(ResolutionResult.newBuilder().setAddresses(addresses).build());
  }

  @Override
  public void shutdown() {
    // nothing held: the list is fixed
  }

  /** Registered once with gRPC's default registry (see GrpcChannels). */
  static final class Provider extends NameResolverProvider {
    @Override
    protected boolean isAvailable() {
      return true;
    }

    @Override
    protected int priority() {
      return 4; // below DNS, so a plain host:port target still resolves through DNS
    }

    @Override
    public String getDefaultScheme() {
      return SCHEME;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
      return List.of(InetSocketAddress.class);
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
      if (!SCHEME.equals(target.getScheme())) {
        return null;
      }
      String list = target.getPath().startsWith("/") ? target.getPath().substring(1) : "";
      var addresses = parse(list);
      return new AddressListResolver(
          addresses.isEmpty() ? "unknown" : list.split(",")[0].strip(), addresses);
    }
  }
}
