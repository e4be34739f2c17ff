// Beacon status page: live updates, local times and day tooltips. The page is complete
// without this script; it only adds to it. No framework, no build step.
(function () {
	'use strict';
	var body = document.body;
	var base = body.getAttribute('data-base');
	var embed = body.getAttribute('data-view') === 'embed';
	var STALE_MS = 120000;
	var POLL_MS = 30000;

	// ---- times in the viewer's time zone, the page's zone named in the footer
	var format = new Intl.DateTimeFormat(undefined, {
		month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
	});
	function localTimes(root) {
		root.querySelectorAll('time.t[datetime]').forEach(function (time) {
			var date = new Date(time.dateTime);
			if (!isNaN(date)) {
				time.title = time.textContent;
				time.textContent = format.format(date);
			}
		});
	}
	var zone = document.querySelector('.zone[data-zone]');
	if (zone) {
		var viewer = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
		zone.textContent = 'Times are shown in your time zone (' + viewer + '); this page\u2019s time zone is '
			+ zone.getAttribute('data-zone') + '.';
	}

	// ---- "Updated 12 s ago" and the stale notice, kept current every second
	function ago(ms) {
		var s = Math.max(0, Math.round(ms / 1000));
		if (s < 60) return s + ' s';
		var m = Math.floor(s / 60);
		if (m < 60) return m + ' min';
		var h = Math.floor(m / 60);
		return h < 24 ? h + ' h ' + (m % 60) + ' min' : Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
	}
	function tick() {
		var live = document.getElementById('live');
		if (!live) return;
		var generated = Date.parse(live.getAttribute('data-generated'));
		if (isNaN(generated)) return;
		var age = Date.now() - generated;
		live.querySelectorAll('.age').forEach(function (el) { el.textContent = ago(age) + ' ago'; });
		var stale = live.querySelector('.stale');
		if (stale) stale.hidden = age <= STALE_MS;
	}
	setInterval(tick, 1000);

	// ---- day tooltips: by pointer, touch and keyboard (arrow keys, Home, End)
	function prepare(root) {
		localTimes(root);
		root.querySelectorAll('.days rect').forEach(function (rect) {
			var title = rect.querySelector('title');
			if (title) {
				rect.setAttribute('data-tip', title.textContent);
				title.remove();
			}
		});
		tick();
	}
	function select(figure, index) {
		var rects = figure.querySelectorAll('.days rect');
		if (!rects.length) return;
		index = Math.max(0, Math.min(rects.length - 1, index));
		rects.forEach(function (rect, i) { rect.classList.toggle('sel', i === index); });
		figure.setAttribute('data-sel', index);
		figure.querySelector('.tip').textContent = rects[index].getAttribute('data-tip');
	}
	function selected(figure) {
		var index = parseInt(figure.getAttribute('data-sel'), 10);
		return isNaN(index) ? figure.querySelectorAll('.days rect').length - 1 : index;
	}
	function rectIndex(rect) {
		return Array.prototype.indexOf.call(rect.parentNode.querySelectorAll('rect'), rect);
	}
	document.addEventListener('keydown', function (event) {
		var figure = event.target.closest && event.target.closest('figure.bars');
		if (!figure) return;
		var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
		var index = selected(figure);
		if (event.key in steps) index += steps[event.key];
		else if (event.key === 'Home') index = 0;
		else if (event.key === 'End') index = 89;
		else return;
		event.preventDefault();
		select(figure, index);
	});
	document.addEventListener('focusin', function (event) {
		var figure = event.target.closest && event.target.closest('figure.bars');
		if (figure) select(figure, selected(figure));
	});
	function pointer(event) {
		var rect = event.target.closest && event.target.closest('.days rect');
		if (rect) select(rect.closest('figure.bars'), rectIndex(rect));
	}
	document.addEventListener('click', pointer);
	document.addEventListener('mouseover', pointer);

	// ---- live updates: swap in the server-rendered part when a new version arrives
	function swap(html) {
		var template = document.createElement('template');
		template.innerHTML = html;
		var next = template.content.getElementById('live');
		var live = document.getElementById('live');
		if (!next || !live) return;
		var focused = document.activeElement && document.activeElement.closest('figure.bars');
		var focusedId = focused && focused.closest('.component').getAttribute('data-id');
		var focusedDay = focused && focused.getAttribute('data-sel');
		var open = [];
		live.querySelectorAll('details[open][data-id]').forEach(function (d) { open.push(d.getAttribute('data-id')); });
		live.replaceWith(next);
		open.forEach(function (id) {
			var details = next.querySelector('details[data-id="' + CSS.escape(id) + '"]');
			if (details) details.open = true;
		});
		prepare(next);
		if (focusedId) {
			var figure = next.querySelector('.component[data-id="' + CSS.escape(focusedId) + '"] figure.bars');
			if (figure) {
				figure.focus();
				if (focusedDay !== null) select(figure, parseInt(focusedDay, 10));
			}
		}
		var overall = next.querySelector('#overall');
		var name = document.querySelector('h1');
		if (overall && name) document.title = overall.textContent.trim() + ' \u00b7 ' + name.textContent + ' status';
	}
	// a version that arrives while an older one is being fetched is fetched right after it
	var loading = null;
	var again = false;
	function refresh() {
		if (loading) {
			again = true;
			return loading;
		}
		loading = fetch(base + '/content' + (embed ? '?view=embed' : ''), { cache: 'no-store' })
			.then(function (response) {
				if (!response.ok) throw new Error('HTTP ' + response.status);
				return response.text();
			})
			.then(swap)
			.catch(function () { /* keep showing what we have; the age tells how old it is */ })
			.then(function () {
				loading = null;
				if (again) {
					again = false;
					refresh();
				}
			});
		return loading;
	}
	function onDocument(data) {
		try {
			var live = document.getElementById('live');
			var doc = JSON.parse(data);
			if (live && doc.generatedAt && Date.parse(doc.generatedAt) === Date.parse(live.getAttribute('data-generated'))) return;
		} catch (e) { /* not JSON: fetch anyway */ }
		refresh();
	}

	// WebSocket first (the page's own choice), Server-Sent Events when WebSockets keep
	// failing, polling every 30 s while neither is connected; reconnect with backoff.
	var attempts = 0;
	var poller = null;
	var useEvents = !('WebSocket' in window);
	function connected() {
		attempts = 0;
		body.setAttribute('data-live', useEvents ? 'events' : 'websocket');
		if (poller) { clearInterval(poller); poller = null; }
	}
	function broken() {
		attempts++;
		body.setAttribute('data-live', 'polling');
		if (!poller) poller = setInterval(refresh, POLL_MS);
		if (attempts % 3 === 0 && 'EventSource' in window) useEvents = !useEvents;
		var delay = Math.min(60000, 1000 * Math.pow(2, attempts - 1));
		setTimeout(connect, delay / 2 + Math.random() * delay / 2);
	}
	function connect() {
		if (useEvents) {
			var events = new EventSource(base + '/events');
			events.onopen = connected;
			events.addEventListener('page', function (event) { onDocument(event.data); });
			events.onerror = function () { events.close(); broken(); };
			return;
		}
		var socket;
		try {
			socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base + '/live');
		} catch (e) {
			broken();
			return;
		}
		socket.onopen = connected;
		socket.onmessage = function (event) { onDocument(event.data); };
		socket.onclose = broken;
	}

	// ---- subscribing needs a JSON request: the form is shown only where this script runs
	function subscribe() {
		var section = document.getElementById('subscribe');
		if (!section) return;
		var slug = base.split('/')[2];
		var result = section.querySelector('.sub-result');
		section.querySelectorAll('form').forEach(function (form) {
			form.addEventListener('submit', function (event) {
				event.preventDefault();
				var kind = form.getAttribute('data-kind');
				var payload = {};
				payload[kind] = form.querySelector('input').value.trim();
				result.textContent = 'Sending\u2026';
				fetch('/public/status/' + encodeURIComponent(slug) + '/subscribers', {
					method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					body: JSON.stringify(payload)
				}).then(function (response) {
					return response.json().catch(function () { return {}; }).then(function (answer) {
						if (!response.ok) {
							var field = answer.errors && answer.errors[0];
							throw new Error((field && field.message) || answer.detail || 'The subscription failed (HTTP ' + response.status + ').');
						}
						var text = kind === 'email' ? 'Almost done: check your inbox and confirm the subscription.' : 'Webhook added.';
						if (answer.secret) text += ' Its signing secret, shown only now: ' + answer.secret;
						result.textContent = text;
						form.reset();
					});
				}).catch(function (error) { result.textContent = error.message; });
			});
		});
		section.hidden = false;
	}

	prepare(document);
	if (!embed) subscribe();
	connect();
}());
