package dev.kefu.wechat.api;

/** The {@code command} of customerServiceMessage.setTyping. */
public enum TypingCommand {

	TYPING("Typing"), CANCEL_TYPING("CancelTyping");

	private final String wireName;

	TypingCommand(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return this.wireName;
	}

}
