package io.semhash.config;

/** A configuration file or value is wrong; the message names the file and the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
