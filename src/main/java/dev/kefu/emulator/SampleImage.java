package dev.kefu.emulator;

import java.util.Base64;

/** A small PNG a scripted user sends when no image is given. */
final class SampleImage {

	/** 8×8 pixels of WeChat green. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNgP5iAFTEMLQkA1CxKAc+6gv0AAAAASUVORK5CYII=");

	private SampleImage() {
	}

}
