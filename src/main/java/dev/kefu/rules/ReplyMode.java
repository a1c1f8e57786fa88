package dev.kefu.rules;

/** Which of a rule's replies are sent. */
public enum ReplyMode {

	/** All of them, in order. */
	ALL,

	/** One of them, chosen uniformly at random. */
	RANDOM

}
