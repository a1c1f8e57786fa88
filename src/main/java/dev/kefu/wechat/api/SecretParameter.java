package dev.kefu.wechat.api;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A JDBC parameter whose value never shows in a log: Spring JDBC traces parameters by
 * their {@code toString()}, and an access token must not appear even at TRACE.
 */
record SecretParameter(String value) implements SqlTypeValue {

	@Override
	public void setTypeValue(PreparedStatement statement, int index, int sqlType, String typeName) throws SQLException {
		statement.setString(index, this.value);
	}

	@Override
	public String toString() {
		return "***";
	}

}
