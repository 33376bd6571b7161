import { describe, expect, it } from 'vitest';
import { decideRecordVehicleActionList } from './record.js';

const moment = { actor: { id: 'system', name: 'Cordon', roles: ['administrator'] }, now: new Date('2026-12-05T23:30:00Z') };
const entry = { registrationKey: 'WGM4521K', registration: 'WGM 4521K', country: 'PL', company: 'Trans-Pol Sp. z o.o.', caseRefs: ['CEC-2026-000001'], outstandingPence: 150_000, dueDate: '2026-10-01' };

describe('recording the Vehicle Action List of a day', () => {
  it('records today’s list (the UK day) with its count and entries', () => {
    expect(decideRecordVehicleActionList({ recorded: false }, { day: '2026-12-05', entries: [entry] }, moment)).toEqual({
      ok: true,
      events: [{ type: 'VehicleActionListRecorded', payload: { day: '2026-12-05', count: 1, entries: [entry] } }],
    });
  });

  it('refuses a day already recorded, and any day but today', () => {
    expect(decideRecordVehicleActionList({ recorded: true }, { day: '2026-12-05', entries: [] }, moment)).toMatchObject({ ok: false });
    expect(decideRecordVehicleActionList({ recorded: false }, { day: '2026-12-04', entries: [] }, moment)).toMatchObject({ ok: false });
    expect(decideRecordVehicleActionList({ recorded: false }, { day: '2026-12-06', entries: [] }, moment)).toMatchObject({ ok: false });
  });
});
