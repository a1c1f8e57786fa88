package dev.kefu.console;

/** What a console user may do. */
public enum Role {

	/** Everything, including apps, their credentials, and users. */
	ADMIN,

	/**
	 * Rules, replies and assets, and everything an agent does; not apps' credentials, not
	 * users.
	 */
	EDITOR,

	/**
	 * The agent desk and the conversations: answers users by hand, claims and releases
	 * them; reads the dashboard. Changes no app, rule, asset or user.
	 */
	AGENT

}
