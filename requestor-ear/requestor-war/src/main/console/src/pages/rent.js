// Rent: a wizard (provider and size, image, ports and user-data, hours of deposit, review) that shows the rate and
// the deposit in token and USD before anything is signed, then follows the creation job step by step.
import { get, post } from '../api.js';
import { errorBox, h, setText, showError } from '../dom.js';
import { amount, duration, usd, usdTimes } from '../format.js';
import { CPUS, MEMORIES, numberSelect } from './providers.js';

const STEPS = ['validating', 'opening_stream', 'creating_vm', 'booting', 'ready'];
const STEP_LABELS = {
  validating: 'Checking provider, image and funds',
  opening_stream: 'Opening the payment stream (deposit)',
  creating_vm: 'Creating the VM on the provider',
  booting: 'Booting',
  ready: 'Ready',
};
const OTHER = '__other__';

export default {
  title: 'Rent a VM',
  render(el, { params, context }) {
    const symbol = context.symbol;
    let providers = [];
    let images = [];
    let polling = null;
    let disposed = false;

    const field = (...children) => h('div', { class: 'field' }, ...children);
    const providerSelect = h('select', { id: 'rent-provider', name: 'provider', required: true });
    const name = h('input', { id: 'rent-name', name: 'name', required: true, pattern: '[a-z0-9](?:[a-z0-9]|-(?!-))+[a-z0-9]',
      minlength: 3, maxlength: 64, value: `vm-${Math.random().toString(36).slice(2, 7)}`, spellcheck: 'false',
      'aria-describedby': 'rent-name-help' });
    const storage = h('input', { id: 'rent-storage', name: 'storage', type: 'number', min: 10, required: true,
      value: params.get('storage') ?? 10 });
    const imageSelect = h('select', { id: 'rent-image', name: 'image' });
    const otherImage = h('input', { id: 'rent-image-other', name: 'image-other', maxlength: 128, spellcheck: 'false',
      pattern: '[A-Za-z0-9._:\\-]+' });
    const otherField = field(h('label', { for: 'rent-image-other' }, 'Image name'), otherImage);
    const ports = h('input', { id: 'rent-ports', name: 'ports', placeholder: 'e.g. 80, 443', 'aria-describedby': 'rent-ports-help',
      pattern: '\\s*(\\d{1,5}\\s*(,\\s*\\d{1,5}\\s*)*)?' });
    const userData = h('textarea', { id: 'rent-user-data', name: 'user-data', rows: 5, spellcheck: 'false',
      placeholder: '#cloud-config', 'aria-describedby': 'rent-user-data-help' });
    const hours = h('input', { id: 'rent-hours', name: 'hours', type: 'number', min: 1, max: 8760, step: 1, value: 1, required: true,
      'aria-describedby': 'rent-hours-help' });
    const review = h('dl', { class: 'facts', id: 'rent-review' });
    const message = h('div', { id: 'rent-message', hidden: true });
    const progress = h('ol', { class: 'steps', id: 'rent-progress' },
      STEPS.map((s) => h('li', { 'data-step': s, 'data-state': 'pending' }, STEP_LABELS[s])));
    const progressText = h('p', { id: 'rent-progress-message', 'aria-live': 'polite' });
    const progressPanel = h('section', { class: 'panel', id: 'rent-job', hidden: true, 'aria-labelledby': 'rent-job-h' },
      h('h2', { id: 'rent-job-h' }, 'Creation'), progress, progressText, h('div', { id: 'rent-done' }));

    const steps = [
      h('fieldset', { 'data-step': 'size' }, h('legend', {}, '1. Provider and size'),
        field(h('label', { for: 'rent-name' }, 'VM name'), name,
          h('small', { id: 'rent-name-help' }, '3 to 64 of a-z, 0-9 and single dashes')),
        field(...numberSelect('rent-cpu', 'CPU cores', CPUS, params.get('cpu') ?? 1)),
        field(...numberSelect('rent-memory', 'Memory (GB)', MEMORIES, params.get('memory') ?? 1)),
        field(h('label', { for: 'rent-storage' }, 'Disk (GB)'), storage),
        field(h('label', { for: 'rent-provider' }, 'Provider'), providerSelect)),
      h('fieldset', { 'data-step': 'image' }, h('legend', {}, '2. Image'),
        field(h('label', { for: 'rent-image' }, 'Image'), imageSelect), otherField),
      h('fieldset', { 'data-step': 'extras' }, h('legend', {}, '3. Ports and user-data'),
        field(h('label', { for: 'rent-ports' }, 'Guest TCP ports to forward'), ports,
          h('small', { id: 'rent-ports-help' }, 'Besides SSH, comma separated; the provider may charge per port')),
        field(h('label', { for: 'rent-user-data' }, 'Cloud-init user-data (optional)'), userData,
          h('small', { id: 'rent-user-data-help' }, 'Only for images that boot with cloud-init'))),
      h('fieldset', { 'data-step': 'deposit' }, h('legend', {}, '4. Deposit'),
        field(h('label', { for: 'rent-hours' }, 'Hours paid in advance'), hours,
          h('small', { id: 'rent-hours-help' }, 'The stream pays the provider by the second; auto top-up keeps it running, destroy refunds the rest'))),
      h('fieldset', { 'data-step': 'review' }, h('legend', {}, '5. Review'), review,
        h('p', { class: 'muted' }, 'Nothing is signed before you confirm.')),
    ];
    const back = h('button', { type: 'button', id: 'rent-back', class: 'quiet' }, 'Back');
    const next = h('button', { type: 'submit', id: 'rent-next' }, 'Next');
    const form = h('form', { class: 'wizard panel', id: 'rent-form', novalidate: true },
      h('p', { class: 'muted', id: 'rent-step-label', 'aria-live': 'polite' }), ...steps,
      h('div', { class: 'actions' }, back, next), message);
    el.append(form, progressPanel);

    let step = 0;
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    const provider = () => providers.find((p) => p.provider_id === providerSelect.value);
    const chosenImage = () => (imageSelect.value === OTHER ? otherImage.value.trim() : imageSelect.value);
    const portList = () => ports.value.split(',').map((p) => p.trim()).filter(Boolean).map(Number);

    function show(i) {
      step = i;
      steps.forEach((fs, j) => { fs.hidden = j !== i; });
      back.disabled = i === 0;
      next.textContent = i === steps.length - 1 ? 'Confirm and pay' : 'Next';
      next.id = i === steps.length - 1 ? 'rent-confirm' : 'rent-next';
      setText(form.querySelector('#rent-step-label'), `Step ${i + 1} of ${steps.length}`);
      otherField.hidden = imageSelect.value !== OTHER;
      if (steps[i].dataset.step === 'review') fillReview();
    }

    async function loadProviders() {
      const q = new URLSearchParams({ cpu: value('rent-cpu'), memory: value('rent-memory'), storage: storage.value || '10' });
      const wanted = providerSelect.value || params.get('provider');
      try {
        providers = (await get(`providers?${q}`)).providers ?? [];
        providerSelect.replaceChildren(...providers.map((p) => h('option', { value: p.provider_id,
          selected: p.provider_id.toLowerCase() === (wanted ?? '').toLowerCase() },
        `${p.provider_name} ${p.provider_id.slice(0, 8)}… (${p.country ?? '?'}) ${p.estimate ? `~${usd(p.estimate.usd_per_month)}/mo` : ''}`)));
        if (!providers.length) providerSelect.append(h('option', { value: '' }, 'No provider offers this size'));
        showError(message, null);
      } catch (e) {
        showError(message, e);
      }
    }

    async function loadImages() {
      const p = provider();
      if (!p) return;
      try {
        images = (await get(`providers/${p.provider_id}/images`)).images ?? [];
      } catch (e) {
        images = p.images ?? [];
        showError(message, e);
      }
      const keep = imageSelect.value;
      imageSelect.replaceChildren(
        ...images.map((i) => h('option', { value: i.name, selected: i.name === keep },
          `${i.name} — ${i.os ?? ''}${i.login_user ? `, user ${i.login_user}` : ''}`)),
        h('option', { value: OTHER, selected: keep === OTHER }, 'Other (type its name)…'));
      otherField.hidden = imageSelect.value !== OTHER;
    }

    function rateOf(p) {
      const e = p?.estimate;
      return e?.rate_per_second_wei == null ? null : BigInt(e.rate_per_second_wei);
    }

    function fillReview() {
      const p = provider();
      const e = p?.estimate;
      const rate = rateOf(p);
      const n = Number(hours.value);
      const deposit = rate === null ? null : rate * 3600n * BigInt(n);
      const portCount = portList().length;
      const rows = [
        ['VM', `${value('rent-name')}: ${value('rent-cpu')} CPU, ${value('rent-memory')} GB RAM, ${storage.value} GB disk`],
        ['Provider', p ? `${p.provider_name} (${p.provider_id})` : '—'],
        ['Image', chosenImage() || 'the provider\'s default'],
        ['Ports', portCount ? portList().join(', ') : 'SSH only'],
        ['Rate', rate === null ? '—' : `${amount(rate * 3600n, symbol)}/h (${usd(e.usd_per_hour)}/h, ~${usd(e.usd_per_month)}/month)`,
          rate === null ? null : `${rate} wei/s`, 'rent-rate'],
        ['Deposit', deposit === null ? '—' : `${amount(deposit, symbol)} (${usdTimes(e.usd_per_hour, n)}) for ${duration(n * 3600)}`,
          deposit === null ? null : `${deposit} wei`, 'rent-deposit'],
      ];
      if (portCount && p?.pricing?.usd_per_port_month != null) {
        rows.push(['Port price', `+${usdTimes(p.pricing.usd_per_port_month, portCount)}/month for ${portCount} port(s), added to the rate by the service`]);
      }
      review.replaceChildren(...rows.flatMap(([k, v, title, id]) =>
        [h('dt', {}, k), h('dd', { title: title ?? null, id: id ?? null }, v)]));
    }

    function validStep() {
      for (const input of steps[step].querySelectorAll('input, select, textarea')) {
        if (!input.closest('[hidden]') && !input.checkValidity()) {
          input.reportValidity();
          input.focus();
          return false;
        }
      }
      if (steps[step].dataset.step === 'size' && !provider()) {
        providerSelect.focus();
        return false;
      }
      return true;
    }

    async function confirm() {
      const p = provider();
      const body = { name: value('rent-name'), provider_id: p.provider_id, cpu: Number(value('rent-cpu')),
        memory: Number(value('rent-memory')), storage: Number(storage.value), hours: Number(hours.value) };
      if (chosenImage()) body.image = chosenImage();
      if (portList().length) body.ports = portList();
      if (userData.value.trim()) body.user_data = userData.value;
      next.disabled = true;
      try {
        const started = await post('vms', body);
        form.hidden = true;
        progressPanel.hidden = false;
        progressPanel.querySelector('h2').focus?.();
        follow(started.job_id);
      } catch (e) {
        showError(message, e);
        next.disabled = false;
      }
    }

    async function follow(jobId) {
      let job;
      try {
        job = await get(`jobs/${encodeURIComponent(jobId)}`);
      } catch (e) {
        setText(progressText, `${e.code}: ${e.message}; still trying`);
        if (!disposed) polling = setTimeout(() => follow(jobId), 2000);
        return;
      }
      const at = STEPS.indexOf(job.step);
      for (const li of progress.children) {
        const i = STEPS.indexOf(li.dataset.step);
        let state = i < at ? 'done' : i === at ? 'current' : 'pending';
        if (job.status === 'ready') state = 'done';
        if (job.status === 'failed' && li.dataset.step === job.step) state = 'failed';
        if (state !== 'pending') li.dataset.seen = 'true';
        li.dataset.state = state;
      }
      setText(progressText, job.message ?? job.step ?? '');
      const done = progressPanel.querySelector('#rent-done');
      if (job.status === 'ready') {
        done.replaceChildren(h('p', { class: 'ok', id: 'rent-ready' }, `${job.name} is running. `,
          h('a', { href: '#/rentals' }, 'See it in Rentals'), ' or ',
          h('a', { href: `#/terminal/${encodeURIComponent(job.name)}` }, 'open its terminal'), '.'));
      } else if (job.status === 'failed') {
        done.replaceChildren(errorBox(job.error ?? { code: 'FAILED', message: job.message }),
          h('p', {}, h('a', { href: '#/rent', id: 'rent-again' }, 'Start again')));
      } else if (!disposed) {
        polling = setTimeout(() => follow(jobId), 1000);
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!validStep()) return;
      if (step === steps.length - 1) confirm();
      else show(step + 1);
      if (steps[step].dataset.step === 'image') loadImages();
    });
    back.addEventListener('click', () => show(Math.max(0, step - 1)));
    for (const id of ['rent-cpu', 'rent-memory', 'rent-storage']) form.querySelector(`#${id}`).addEventListener('change', loadProviders);
    providerSelect.addEventListener('change', () => { images = []; });
    imageSelect.addEventListener('change', () => {
      otherField.hidden = imageSelect.value !== OTHER;
      if (!otherField.hidden) otherImage.focus();
    });

    show(0);
    loadProviders();
    return { dispose() { disposed = true; clearTimeout(polling); } };
  },
};
