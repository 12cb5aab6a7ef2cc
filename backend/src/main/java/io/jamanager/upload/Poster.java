package io.jamanager.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A poster as stored: the cleaned bytes, their type, and their SHA-256, which is also their address. */
record Poster(String sha256, String contentType, byte[] bytes) {

  static Poster of(String contentType, byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Poster(HexFormat.of().formatHex(digest), contentType, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
