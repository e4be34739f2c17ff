// Beacon status widget: <script src="https://STATUS-HOST/status/SLUG/widget.js" async></script>
// shows the page's status where the tag stands, from the page's Statuspage v2 API.
(function () {
	'use strict';
	var script = document.currentScript;
	if (!script) return;
	var source = new URL(script.src, location.href);
	var match = source.pathname.match(/^(.*\/status\/[a-z0-9-]+)\/widget\.js$/);
	if (!match) return;
	var page = source.origin + match[1];
	var colours = { none: '#1a7f37', minor: '#9a6700', major: '#bc4c00', critical: '#cf222e', maintenance: '#0969da' };
	var link = document.createElement('a');
	link.href = page;
	link.target = '_blank';
	link.rel = 'noopener';
	link.className = 'beacon-status-widget';
	var style = link.style;
	style.display = 'inline-flex';
	style.alignItems = 'center';
	style.gap = '6px';
	style.font = '14px/1.4 system-ui, sans-serif';
	style.color = 'inherit';
	style.textDecoration = 'none';
	var dot = document.createElement('span');
	dot.setAttribute('aria-hidden', 'true');
	dot.style.display = 'inline-block';
	dot.style.width = dot.style.height = '10px';
	dot.style.borderRadius = '50%';
	dot.style.background = '#59636e';
	var text = document.createElement('span');
	text.textContent = 'Loading status\u2026';
	link.appendChild(dot);
	link.appendChild(text);
	script.parentNode.insertBefore(link, script.nextSibling);
	function load() {
		fetch(page + '/api/v2/status.json', { mode: 'cors', credentials: 'omit' })
			.then(function (response) {
				if (!response.ok) throw new Error('HTTP ' + response.status);
				return response.json();
			})
			.then(function (answer) {
				text.textContent = answer.status.description;
				dot.style.background = colours[answer.status.indicator] || '#59636e';
				if (answer.page && answer.page.name) link.title = answer.page.name + ' status';
			})
			.catch(function () { text.textContent = 'Status unavailable'; });
	}
	load();
	setInterval(load, 60000);
}());
