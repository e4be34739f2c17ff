package dev.beacon.gateway.edge;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Gives the error answers Reactor Netty writes itself, before any Spring code runs (a
 * request line or headers too long: 414, 431; a request it cannot decode: 400), a
 * problem+json body instead of an empty one. Sits in each connection's pipeline right
 * after the HTTP codec and rewrites only complete error responses that have neither a
 * body nor a content type — Spring's own answers always have one.
 */
class EmptyErrorProblems extends ChannelDuplexHandler {

	static final String NAME = "beacon.emptyErrorProblems";

	private boolean head;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof HttpRequest request) {
			this.head = HttpMethod.HEAD.equals(request.method());
		}
		super.channelRead(ctx, msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (!this.head && msg instanceof FullHttpResponse response && response.status().code() >= 400
				&& response.content().readableBytes() == 0
				&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
			int status = response.status().code();
			byte[] body = Problems.json(status, response.status().reasonPhrase(), detail(status), null)
				.getBytes(StandardCharsets.UTF_8);
			FullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
					Unpooled.wrappedBuffer(body));
			problem.headers().set(response.headers());
			problem.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
			problem.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
			response.release();
			super.write(ctx, problem, promise);
			return;
		}
		super.write(ctx, msg, promise);
	}

	private static String detail(int status) {
		return switch (status) {
			case 414 -> "The request line is too long";
			case 431 -> "The request's header fields are too large";
			case 413 -> "The request is too large";
			case 400 -> "The request is malformed";
			default -> "The request cannot be served";
		};
	}

}
