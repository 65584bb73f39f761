package io.vigil.notify;

import io.vigil.domain.notify.Delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks a channel's secrets in any text it produces (delivery reasons, log lines, error messages): the value itself,
 * its URL-encoded and JSON-escaped forms, and for a secret URL its path and query too, since an HTTP client's error
 * names the request path ({@code POST /services/T0/B0/XXXX}) without the host.
 */
public final class Redactor {
  static final String MASK = "****";
  /** Fragments shorter than this are not masked: they would mangle every message and hide nothing. */
  private static final int SHORTEST = 4;

  private final List<String> fragments;

  private Redactor(Set<String> fragments) {
    List<String> list = new ArrayList<>(fragments);
    list.removeIf(f -> f.length() < SHORTEST);
    list.sort(Comparator.comparingInt(String::length).reversed());
    this.fragments = List.copyOf(list);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    for (String f : fragments) {
      out = out.replace(f, MASK);
    }
    return out;
  }

  public Delivery redact(Delivery delivery) {
    return delivery.withReason(this::redact);
  }

  /**
   * A URL safe to show: scheme, host and port only ({@code https://hooks.slack.com/****}); the path, query and
   * user info of a webhook URL are often the credential itself.
   */
  public static String maskUrl(String url) {
    if (url == null) return null;
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) return MASK;
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      boolean hidden = uri.getRawUserInfo() != null || (uri.getRawPath() != null && uri.getRawPath().length() > 1)
          || uri.getRawQuery() != null;
      return uri.getScheme() + "://" + uri.getHost() + port + (hidden ? "/" + MASK : "");
    } catch (IllegalArgumentException e) {
      return MASK;
    }
  }

  public static final class Builder {
    private final Set<String> fragments = new LinkedHashSet<>();

    private Builder() {}

    /** Masks the secret's value wherever it appears. */
    public Builder secret(Secret secret) {
      if (secret != null) add(secret.reveal());
      return this;
    }

    /** Masks a secret URL, and also its path, query and user info on their own. */
    public Builder urlSecret(Secret secret) {
      if (secret == null) return this;
      String url = secret.reveal();
      add(url);
      try {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        if (path.length() > 1 || !query.isEmpty()) add(path + query);
        if (path.length() > 1) add(path);
        if (!query.isEmpty()) add(uri.getRawQuery());
        if (uri.getRawUserInfo() != null) add(uri.getRawUserInfo());
        for (String segment : path.split("/")) {
          if (segment.length() >= 8) add(segment); // a token in the path, e.g. Slack's last segment
        }
      } catch (IllegalArgumentException e) {
        // not a URL: the whole value is masked already
      }
      return this;
    }

    public Redactor build() {
      return new Redactor(fragments);
    }

    private void add(String value) {
      if (value == null || value.isEmpty()) return;
      fragments.add(value);
      fragments.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
      fragments.add(value.replace("/", "\\/"));
    }
  }
}
