package dev.beacon.statusapi.registry.web;

/** A document larger than Beacon reads; answered 413. */
class DocumentTooLargeException extends RuntimeException {

	DocumentTooLargeException(int limit) {
		super("The document is larger than " + (limit / 1024) + " KiB");
	}

}
