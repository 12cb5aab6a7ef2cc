package io.jamanager.http;

import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the person behind a request. Forwarding headers are believed only when the
 * connection comes from a configured proxy (TRUSTED_PROXIES): Fly's proxy sets Fly-Client-IP;
 * others append to X-Forwarded-For, whose rightmost untrusted entry is the client.
 */
public final class ClientIp {

  private record Cidr(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      return rest == 0 || ((address[full] ^ network[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }
  }

  private final List<Cidr> trusted;

  public ClientIp(List<String> trustedProxies) {
    List<Cidr> list = new ArrayList<>();
    for (String entry : trustedProxies) {
      list.add(parse(entry));
    }
    this.trusted = List.copyOf(list);
  }

  /** Parses "10.0.0.0/8", "fdaa::/16" or a single address; throws IllegalArgumentException otherwise. */
  public static void validate(String cidr) {
    parse(cidr);
  }

  public String of(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    if (!isTrusted(peer)) {
      return peer;
    }
    String fly = ctx.request().getHeader("Fly-Client-IP");
    if (fly != null && literal(fly.trim()) != null) {
      return fly.trim();
    }
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null) {
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (literal(hop) == null) {
          break;
        }
        if (!isTrusted(hop)) {
          return hop;
        }
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
  }

  private static Cidr parse(String entry) {
    String[] parts = entry.trim().split("/", 2);
    byte[] network = literal(parts[0]);
    if (network == null) {
      throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
    }
    int bits = network.length * 8;
    if (parts.length == 2) {
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length");
      }
    }
    return new Cidr(network, bits);
  }

  /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
  private static byte[] literal(String s) {
    // Only literals: a colon means IPv6, four dotted numbers IPv4; anything else could trigger a lookup.
    boolean v6 = s != null && s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    boolean v4 = s != null && s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
