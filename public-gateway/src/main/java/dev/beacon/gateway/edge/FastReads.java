package dev.beacon.gateway.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Supplier;

import dev.beacon.gateway.pages.EntityTags;
import dev.beacon.gateway.pages.OpenRead;
import dev.beacon.gateway.pages.OpenReads;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The fast path of public reads: answers a plain {@code GET} or {@code HEAD} of a public
 * page's document, Statuspage API or feed straight from memory, in the connection's
 * pipeline right after the HTTP codec, before Reactor Netty hands the request to Spring.
 * The answer is the one the full stack gives (status, headers — CORS's {@code Vary},
 * Spring Security's and the edge's security headers —, body, 304 and {@code HEAD}), and
 * the request takes a token from the client's rate-limit bucket like any other.
 * <p>
 * Anything else goes on to the full stack untouched, which answers it as it answers every
 * request: a path the pages do not hold exactly as spelled (absent and private pages
 * alike, so their 404 is one and the same), a bearer token, an {@code Origin} (CORS), a
 * request body or a declared length, a query, {@code Connection: close}, {@code Expect},
 * an upgrade, HTTP/1.0, forwarded-for headers when the server reads them, a header the
 * firewall would refuse, a client whose bucket is empty (the full stack answers 429), and
 * every request on a connection while one of its requests is in the full stack (answers
 * stay in order).
 * <p>
 * What it answers is counted in {@code beacon.gateway.fast.reads}; it is not in
 * {@code http.server.requests}, which the full stack records.
 */
class FastReads extends ChannelDuplexHandler {

	static final String NAME = "beacon.fastReads";

	private static final String VARY = "Vary";

	private final OpenReads reads;

	private final ClientBuckets buckets;

	private final FastReadRules rules;

	private final Supplier<Counter> answered;

	/** Requests of this connection in the full stack whose answer has not ended yet. */
	private int inFullStack;

	/** The rest of a request answered here (its empty last content) is dropped. */
	private boolean dropping;

	private boolean flush;

	/** Whether the request being answered gets the gzipped bytes. */
	private boolean gzip;

	FastReads(OpenReads reads, ClientBuckets buckets, FastReadRules rules, Supplier<Counter> answered) {
		this.reads = reads;
		this.buckets = buckets;
		this.rules = rules;
		this.answered = answered;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			OpenRead read = (this.inFullStack == 0) ? answerable(ctx, request) : null;
			if (read != null) {
				this.dropping = !(msg instanceof LastHttpContent);
				boolean head = HttpMethod.HEAD.equals(request.method());
				FullHttpResponse response = respond(request, read, head);
				ReferenceCountUtil.release(msg);
				ctx.write(response, ctx.voidPromise());
				this.flush = true;
				this.answered.get().increment();
				return;
			}
			this.inFullStack++;
		}
		else if (this.dropping && msg instanceof HttpContent content) {
			this.dropping = !(content instanceof LastHttpContent);
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.flush) {
			this.flush = false;
			ctx.flush();
			// Reactor Netty reads on demand (no auto-read) and asks for the next request
			// when
			// its answer ends; it never saw this one, so ask here, unless the full stack
			// has a
			// request in hand (it asks when that one is answered)
			if (this.inFullStack == 0 && !ctx.channel().config().isAutoRead()) {
				ctx.read();
			}
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		// an answer of the full stack ends with its last content (an interim 1xx is not
		// one)
		if (msg instanceof LastHttpContent && this.inFullStack > 0 && !(msg instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
			this.inFullStack--;
		}
		super.write(ctx, msg, promise);
	}

	private OpenRead answerable(ChannelHandlerContext ctx, HttpRequest request) {
		if (!request.decoderResult().isSuccess() || request.protocolVersion() != HttpVersion.HTTP_1_1
				|| !(HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method()))) {
			return null;
		}
		String uri = request.uri();
		if (uri.isEmpty() || uri.charAt(0) != '/' || uri.indexOf('?') >= 0 || uri.indexOf('#') >= 0
				|| !this.rules.plainHeaders(request.headers())) {
			return null;
		}
		OpenRead read = this.reads.find(uri, request.headers().get(HttpHeaderNames.HOST));
		if (read == null) {
			return null;
		}
		// as the full stack's compressor: a HEAD answer is never encoded; a client that
		// takes other codings but not gzip gets the full stack's choice
		String acceptEncoding = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
		this.gzip = false;
		if (acceptEncoding != null && !HttpMethod.HEAD.equals(request.method()) && this.rules.compressed(read)) {
			if (!FastReadRules.acceptsGzip(acceptEncoding)) {
				return null;
			}
			this.gzip = true;
		}
		if (this.buckets.enabled() && !this.buckets.tryTake(client(ctx.channel().remoteAddress()))) {
			return null;
		}
		return read;
	}

	/**
	 * Header names spelled as the full stack spells them (clients should not care; some
	 * do).
	 */
	private FullHttpResponse respond(HttpRequest request, OpenRead read, boolean head) {
		HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
		String age = Long.toString(read.ageSeconds(System.currentTimeMillis()));
		headers.add(VARY, "Origin");
		headers.add(VARY, "Access-Control-Request-Method");
		headers.add(VARY, "Access-Control-Request-Headers");
		if (EntityTags.notModified(request.headers().getAll(HttpHeaderNames.IF_NONE_MATCH), read.etag())) {
			headers.add("ETag", read.etag());
			headers.add("Cache-Control", OpenRead.CACHE_CONTROL);
			headers.add(OpenRead.DATA_AGE, age);
			securityHeaders(headers);
			return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED,
					Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
		}
		boolean gzip = this.gzip;
		byte[] body = gzip ? read.gzipped() : read.body();
		headers.add("Content-Type", read.contentType());
		headers.add("ETag", read.etag());
		headers.add("Cache-Control", OpenRead.CACHE_CONTROL);
		headers.add(OpenRead.DATA_AGE, age);
		headers.add("Last-Modified", read.lastModified());
		if (!gzip) {
			headers.add("Content-Length", Integer.toString(body.length));
		}
		securityHeaders(headers);
		if (gzip) {
			// where (and how) the full stack's compressor writes them
			headers.add(HttpHeaderNames.CONTENT_ENCODING, "gzip");
			headers.add(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		}
		return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
				head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body), headers, EmptyHttpHeaders.INSTANCE);
	}

	/**
	 * Spring Security's defaults, then {@link SecurityHeadersFilter}'s, as they end up.
	 */
	private static void securityHeaders(HttpHeaders headers) {
		headers.add("X-XSS-Protection", "0");
		headers.add("Content-Security-Policy", SecurityHeadersFilter.CSP + "'none'");
		headers.add("X-Content-Type-Options", "nosniff");
		headers.add("Referrer-Policy", "strict-origin-when-cross-origin");
		headers.add("X-Frame-Options", "DENY");
	}

	/** The bucket's key, as {@link RateLimitFilter} spells it for the same connection. */
	static String client(SocketAddress remote) {
		if (remote instanceof InetSocketAddress address) {
			return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		}
		return "unknown";
	}

}
