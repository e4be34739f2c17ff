package dev.beacon.security.outbound;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The one way Beacon builds an HTTP client for user-given URLs. Reactor Netty hands an
 * address literal ({@code http://[64:ff9b::a9fe:a9fe]/}) straight to the socket without
 * asking a resolver, so guarding name resolution alone guards nothing for literals. The
 * client built here checks, right before each connection is opened, the very address it
 * is opened to — for names (after resolution, so a name that re-resolves elsewhere is
 * caught too), literals and the targets of redirects alike — and fails the request with
 * {@link ForbiddenAddressException} without connecting.
 */
public final class GuardedHttpClients {

	static final String HANDLER_NAME = "beacon.outboundAddressGuard";

	private GuardedHttpClients() {
	}

	/** A guarded client on Reactor Netty's shared connection pool. */
	public static HttpClient create(OutboundAddressGuard guard) {
		return guard(HttpClient.create(), guard);
	}

	/** A guarded client on a connection pool of its own. */
	public static HttpClient create(OutboundAddressGuard guard, ConnectionProvider connections) {
		return guard(HttpClient.create(connections), guard);
	}

	private static HttpClient guard(HttpClient client, OutboundAddressGuard guard) {
		ConnectGuard connectGuard = new ConnectGuard(guard);
		return client.resolver(guard.resolverGroup())
			.doOnChannelInit(
					(observer, channel, remoteAddress) -> channel.pipeline().addFirst(HANDLER_NAME, connectGuard));
	}

	/**
	 * Refuses a connect to an address the guard refuses. Sits nearest the socket, so it
	 * sees the address the transport is about to connect to.
	 */
	@ChannelHandler.Sharable
	static final class ConnectGuard extends ChannelOutboundHandlerAdapter {

		private final OutboundAddressGuard guard;

		ConnectGuard(OutboundAddressGuard guard) {
			this.guard = guard;
		}

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remote, SocketAddress local,
				ChannelPromise promise) {
			String refusal = refusal(remote);
			if (refusal != null) {
				promise.setFailure(new ForbiddenAddressException(refusal));
				context.close();
				return;
			}
			context.connect(remote, local, promise);
		}

		private String refusal(SocketAddress remote) {
			if (!(remote instanceof InetSocketAddress inet)) {
				return "Only IP connections may be opened, not " + remote;
			}
			if (inet.isUnresolved() || inet.getAddress() == null) {
				return "The host " + inet.getHostString() + " was not resolved before connecting";
			}
			return this.guard.refusal(inet.getAddress());
		}

	}

}
