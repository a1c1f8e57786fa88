package dev.kefu.rules;

import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code rules_firing} table. A claim is one conditional update (or, for a user never
 * answered before, one insert) so two instances deciding for the same user at once cannot
 * both win: the row lock orders the updates, the primary key the inserts.
 */
@Repository
class JdbcFiringLedger implements FiringLedger {

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	JdbcFiringLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		// A failed insert aborts a PostgreSQL transaction; inside a savepoint only the
		// insert is lost.
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public boolean claim(String appId, String openId, Trigger trigger, Instant at, Duration period) {
		long now = at.toEpochMilli();
		int updated = this.jdbc
			.sql("UPDATE rules_firing SET last_at = ? "
					+ "WHERE app_id = ? AND open_id = ? AND trigger_kind = ? AND last_at <= ?")
			.params(now, appId, openId, trigger.name(), now - period.toMillis())
			.update();
		if (updated == 1) {
			return true;
		}
		boolean known = this.jdbc
			.sql("SELECT COUNT(*) FROM rules_firing WHERE app_id = ? AND open_id = ? AND trigger_kind = ?")
			.params(appId, openId, trigger.name())
			.query(Integer.class)
			.single() > 0;
		if (known) {
			return false;
		}
		try {
			this.savepoint.executeWithoutResult((status) -> this.jdbc
				.sql("INSERT INTO rules_firing (app_id, open_id, trigger_kind, last_at) VALUES (?, ?, ?, ?)")
				.params(appId, openId, trigger.name(), now)
				.update());
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // another instance answered this user just now
		}
	}

}
