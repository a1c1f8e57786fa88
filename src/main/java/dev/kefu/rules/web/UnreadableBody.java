package dev.kefu.rules.web;

/** A request body, or a field of it, could not be read as what it should be. */
class UnreadableBody extends RuntimeException {

	private final String field;

	UnreadableBody(String field, String reason) {
		super(reason);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
