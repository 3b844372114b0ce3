package dev.trainyard.rehearse;

import dev.trainyard.assets.LocalAsset;
import dev.trainyard.assets.ObjectHeaders;
import dev.trainyard.assets.ObjectStore;
import dev.trainyard.assets.RemoteObject;
import java.util.List;
import java.util.Map;

/**
 * A bucket that was not asked: it lists nothing, so the sync's dry run plans every selected file
 * as an upload with its headers. The rehearsal uses it when there are no credentials (or no
 * network); a dry run never writes, and any write is refused.
 */
final class UnlistedBucket implements ObjectStore {
  @Override
  public List<RemoteObject> list(String prefix) {
    return List.of();
  }

  @Override
  public RemoteObject describe(RemoteObject listed) {
    return listed;
  }

  @Override
  public boolean headersInListing() {
    return true;
  }

  @Override
  public long upload(LocalAsset asset, String key, RemoteObject existing) {
    throw refused();
  }

  @Override
  public void replaceHeaders(RemoteObject existing, ObjectHeaders headers) {
    throw refused();
  }

  @Override
  public Map<String, String> delete(List<String> keys) {
    throw refused();
  }

  @Override
  public String readText(String key) {
    return null;
  }

  @Override
  public void writeText(String key, String text, String contentType, String cacheControl) {
    throw refused();
  }

  @Override
  public void close() {}

  private static IllegalStateException refused() {
    return new IllegalStateException("the rehearsal's unlisted bucket is for dry runs only");
  }
}
