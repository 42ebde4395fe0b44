// Terminal: a shell in a running VM, xterm.js over a WebSocket to the requestor (which holds the SSH key and checks
// the pinned host key). Protocol: first frame {"type":"auth","token","cols","rows"}; then "input" and "resize"
// frames; the shell's output arrives as binary frames; "ready", "error" and "exit" as JSON text frames.
import { Terminal } from '../vendor/xterm.js';
import { FitAddon } from '../vendor/addon-fit.js';
import { get, token } from '../api.js';
import { errorBox, h, setText } from '../dom.js';

export default {
  title: 'Terminal',
  render(el, { arg }) {
    let socket = null;
    let term = null;
    let fit = null;
    let observer = null;

    const select = h('select', { id: 'terminal-vm', name: 'vm' });
    const connect = h('button', { type: 'submit', id: 'terminal-connect' }, 'Connect');
    const disconnect = h('button', { type: 'button', id: 'terminal-disconnect', class: 'quiet', disabled: true }, 'Disconnect');
    const copyButton = h('button', { type: 'button', id: 'terminal-copy', class: 'quiet', disabled: true }, 'Copy selection');
    const pasteButton = h('button', { type: 'button', id: 'terminal-paste', class: 'quiet', disabled: true }, 'Paste');
    const status = h('p', { id: 'terminal-status', class: 'muted', 'aria-live': 'polite' }, 'Not connected.');
    const problem = h('div', { id: 'terminal-error', hidden: true });
    const screen = h('div', { id: 'terminal-screen', class: 'terminal', 'aria-label': 'Terminal' });
    const form = h('form', { class: 'inline' }, h('label', { for: 'terminal-vm' }, 'VM'), select, connect, disconnect,
      copyButton, pasteButton);
    el.append(form, status, problem, screen,
      h('p', { class: 'muted small' }, 'While the terminal has focus every key, Tab included, goes to the shell: '
        + 'Ctrl+Shift+E leaves it. Copy the selection with Ctrl+Shift+C, paste with Ctrl+Shift+V (or the buttons).'));

    function send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    }

    function ended(text, error) {
      setText(status, text);
      if (error) {
        problem.replaceChildren(errorBox(error));
        problem.hidden = false;
      }
      connect.disabled = false;
      disconnect.disabled = true;
      pasteButton.disabled = true;
      socket = null;
    }

    function open(name) {
      close();
      problem.hidden = true;
      if (!term) {
        term = new Terminal({ cursorBlink: true, convertEol: false, fontSize: 14, scrollback: 5000,
          fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace' });
        fit = new FitAddon();
        term.loadAddon(fit);
        term.open(screen);
        term.onData((data) => send({ type: 'input', data }));
        term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
        term.attachCustomKeyEventHandler((e) => {
          if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
          if (e.code === 'KeyE') {
            disconnect.disabled ? connect.focus() : disconnect.focus();
            return false;
          }
          if (e.code === 'KeyC' && term.hasSelection()) {
            navigator.clipboard.writeText(term.getSelection()).catch(() => {});
            return false;
          }
          return true;
        });
        term.onSelectionChange(() => { copyButton.disabled = !term.hasSelection(); });
        observer = new ResizeObserver(() => { try { fit.fit(); } catch (e) { /* hidden */ } });
        observer.observe(screen);
      }
      fit.fit();
      term.reset();
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/vms/${encodeURIComponent(name)}/terminal`;
      setText(status, `Connecting to ${name}…`);
      connect.disabled = true;
      disconnect.disabled = false;
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      socket = ws;
      let failure = null;
      ws.addEventListener('open', () => {
        ws.send(JSON.stringify({ type: 'auth', token: token() ?? '', cols: term.cols, rows: term.rows }));
      });
      ws.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') {
          term.write(new Uint8Array(event.data));
          return;
        }
        let m;
        try {
          m = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (m.type === 'ready') {
          setText(status, `Connected to ${name}: ${m.user}@${m.host}:${m.port}, host key ${m.host_key_fingerprint ?? 'not reported'}`);
          screen.dataset.connected = 'true';
          pasteButton.disabled = false;
          term.focus();
        } else if (m.type === 'error') {
          failure = { code: m.code, message: m.message };
        } else if (m.type === 'exit') {
          failure = null;
          setText(status, `The shell exited with status ${m.status}.`);
        }
      });
      ws.addEventListener('close', (event) => {
        if (socket !== ws) return;
        delete screen.dataset.connected;
        if (failure) ended(`Disconnected from ${name}.`, failure);
        else if (event.code === 1000) ended(status.textContent.startsWith('The shell exited') ? status.textContent : `Disconnected from ${name}.`);
        else ended(`Connection to ${name} closed (${event.code}${event.reason ? `: ${event.reason}` : ''}).`,
          event.code === 1006 ? { code: 'NETWORK', message: 'the terminal connection failed' } : null);
      });
    }

    function close() {
      if (socket) {
        const ws = socket;
        socket = null;
        ws.close(1000);
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (select.value) {
        if (location.hash !== `#/terminal/${encodeURIComponent(select.value)}`) {
          history.replaceState(null, '', `#/terminal/${encodeURIComponent(select.value)}`);
        }
        open(select.value);
      }
    });
    disconnect.addEventListener('click', () => {
      close();
      ended('Disconnected.');
    });
    copyButton.addEventListener('click', async () => {
      if (term?.hasSelection()) await navigator.clipboard.writeText(term.getSelection()).catch(() => {});
      term?.focus();
    });
    pasteButton.addEventListener('click', async () => {
      try {
        const text = await navigator.clipboard.readText();
        if (text) send({ type: 'input', data: text });
      } catch (e) {
        setText(status, 'The browser did not allow reading the clipboard: paste with Ctrl+Shift+V in the terminal.');
      }
      term?.focus();
    });

    (async () => {
      try {
        const vms = ((await get('vms')).vms ?? []).filter((vm) => vm.status === 'running');
        select.replaceChildren(...vms.map((vm) => h('option', { value: vm.name, selected: vm.name === arg }, vm.name)));
        if (!vms.length) {
          select.append(h('option', { value: '' }, 'no running VM'));
          connect.disabled = true;
        }
        if (arg && vms.some((vm) => vm.name === arg)) open(arg);
      } catch (e) {
        problem.replaceChildren(errorBox(e));
        problem.hidden = false;
      }
    })();

    return {
      dispose() {
        close();
        observer?.disconnect();
        term?.dispose();
      },
    };
  },
};
