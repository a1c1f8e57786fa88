package dev.kefu.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code media_asset} table. */
@Repository
class AssetStore {

	private static final String COLUMNS = "id, app_id, file_name, content_type, size_bytes, created_at";

	private final JdbcClient jdbc;

	AssetStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Asset asset, String sha256, byte[] content, String sourceUrl) {
		this.jdbc
			.sql("INSERT INTO media_asset (" + COLUMNS + ", sha256, content, source_url) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(asset.id(), asset.appId(), asset.fileName(), asset.contentType(), asset.size(),
					asset.createdAt().toEpochMilli(), sha256, content, sourceUrl)
			.update();
	}

	Optional<Asset> find(String appId, String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media_asset WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.query(AssetStore::asset)
			.optional();
	}

	/** The asset of the app fetched from exactly this URL, if one was. */
	Optional<Asset> findBySource(String appId, String sourceUrl) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM media_asset WHERE app_id = ? AND source_url = ? ORDER BY created_at")
			.params(appId, sourceUrl)
			.query(AssetStore::asset)
			.list()
			.stream()
			.findFirst();
	}

	List<Asset> all(String appId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media_asset WHERE app_id = ? ORDER BY created_at, id")
			.param(appId)
			.query(AssetStore::asset)
			.list();
	}

	Optional<byte[]> content(String appId, String id) {
		return this.jdbc.sql("SELECT content FROM media_asset WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.query((rs, row) -> rs.getBytes(1))
			.optional();
	}

	boolean delete(String appId, String id) {
		return this.jdbc.sql("DELETE FROM media_asset WHERE app_id = ? AND id = ?").params(appId, id).update() == 1;
	}

	private static Asset asset(ResultSet rs, int row) throws SQLException {
		return new Asset(rs.getString("id"), rs.getString("app_id"), rs.getString("file_name"),
				rs.getString("content_type"), rs.getLong("size_bytes"), Instant.ofEpochMilli(rs.getLong("created_at")));
	}

}
