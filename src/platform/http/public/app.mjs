// Progressive enhancement only: every page works without this script.
import { initAll } from '/static/govuk-frontend.min.js';
import { initAll as initMoj } from '/static/moj-frontend.min.js';

initAll();
initMoj();
