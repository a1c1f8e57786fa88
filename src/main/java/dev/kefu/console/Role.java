package dev.kefu.console;

/** What a console user may do. */
public enum Role {

	/** Everything, including apps, their credentials, and users. */
	ADMIN,

	/** Rules, replies and assets; not apps' credentials, not users. */
	EDITOR

}
