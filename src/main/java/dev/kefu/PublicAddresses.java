package dev.kefu;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet, so fetching from it cannot reach kefu's
 * own host or its private network (SSRF). Refuses loopback, unspecified, link-local,
 * private (RFC 1918, unique-local fc00::/7), carrier-grade NAT, benchmarking,
 * documentation, multicast and reserved ranges, and looks inside IPv6 forms that embed an
 * IPv4 address.
 */
public final class PublicAddresses {

	private PublicAddresses() {
	}

	public static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(bytes);
		}
		if (address instanceof Inet6Address) {
			return isPublicV6(bytes);
		}
		return false;
	}

	private static boolean isPublicV4(byte[] b) {
		int first = b[0] & 0xFF;
		int second = b[1] & 0xFF;
		int third = b[2] & 0xFF;
		return !(first == 0 || first == 10 || first == 127 || first >= 224
				|| (first == 100 && second >= 64 && second <= 127) || (first == 169 && second == 254)
				|| (first == 172 && second >= 16 && second <= 31)
				|| (first == 192 && second == 0 && (third == 0 || third == 2)) || (first == 192 && second == 168)
				|| (first == 198 && (second == 18 || second == 19)) || (first == 198 && second == 51 && third == 100)
				|| (first == 203 && second == 0 && third == 113));
	}

	private static boolean isPublicV6(byte[] b) {
		int first = b[0] & 0xFF;
		if ((first & 0xFE) == 0xFC || first == 0xFF) {
			return false; // unique local, multicast
		}
		if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0D && (b[3] & 0xFF) == 0xB8) {
			return false; // documentation 2001:db8::/32
		}
		if (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
			return false; // Teredo tunnels to an address we cannot check
		}
		if (first == 0x20 && b[1] == 0x02) {
			return isPublicV4(new byte[] { b[2], b[3], b[4], b[5] }); // 6to4
		}
		if (allZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xFF && b[11] == (byte) 0xFF))) {
			return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] }); // IPv4-compatible
																			// or -mapped
		}
		if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
			return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] }); // NAT64
		}
		return true;
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
