/** Demo: a USFS trail reroute under a categorical exclusion, with its screening answer. */

import { text, USFS } from './provenance.js';
import { provenanceColumns, type SeedProject } from './writer.js';

export const TRAIL_KEY = 'demo:USFS-PAY-2024-0003';
export const TRAIL_CE_KEY = `${TRAIL_KEY}:ce`;

export const trail: SeedProject = {
  key: TRAIL_KEY,
  project: {
    code: 'USFS-PAY-2024-0003',
    title: 'Bear Gulch Trail Reroute',
    description:
      'Rerouting 1.4 miles of the Bear Gulch Trail out of a riparian area onto a sustainable side-slope alignment.',
    sector: 'land management',
    sponsor: 'Payette National Forest',
    leadAgency: 'U.S. Forest Service',
    location: 'New Meadows Ranger District, Adams County, Idaho',
    ...USFS,
  },
  columns: { type: 'trail', current_status: 'completed' },
  processes: [
    {
      key: TRAIL_CE_KEY,
      process: {
        type: 'CE',
        status: 'completed',
        leadAgency: 'U.S. Forest Service',
        startDate: '2024-02-01',
        completionDate: '2024-04-10',
        ...USFS,
      },
      columns: { outcome: 'Decision Memo signed' },
      documents: [
        {
          key: `${TRAIL_KEY}:dm`,
          document: {
            title: 'Bear Gulch Trail Reroute Decision Memo',
            documentType: 'Decision Memo',
            mediaType: 'text/plain',
            publicationDate: '2024-04-10',
            pageCount: 8,
            text: text(
              'I have decided to reroute 1.4 miles of the Bear Gulch Trail (No. 171) out of the Bear Creek riparian conservation area onto a side-slope alignment with grades under 10 percent, and to decommission and replant the old tread.',
              'The action falls within the categorical exclusion for construction and reconstruction of trails, 36 CFR 220.6(e)(1). No extraordinary circumstances exist: the reroute does not affect designated critical habitat, wetlands or known heritage sites.',
              'Work will take place between July 15 and September 30 to avoid the steelhead spawning season.',
            ),
            ...USFS,
          },
          columns: { prepared_by: 'New Meadows Ranger District', status: 'final', public_access: true },
        },
      ],
      events: [
        {
          key: `${TRAIL_KEY}:ev:scoping`,
          event: { eventType: 'scoping letter', eventDate: '2024-02-01', ...USFS },
          columns: { status: 'completed' },
        },
        {
          key: `${TRAIL_KEY}:ev:decision`,
          event: { eventType: 'CE determination', eventDate: '2024-04-10', ...USFS },
          documentKey: `${TRAIL_KEY}:dm`,
          columns: { status: 'completed' },
        },
      ],
      comments: [
        {
          key: `${TRAIL_KEY}:c1`,
          comment: {
            commenter: 'Idaho Trails Association',
            text: 'We can provide a volunteer crew for the decommissioning of the old tread.',
            receivedDate: '2024-02-20',
            ...USFS,
          },
          columns: { submission_method: 'email', public_source: true, public_acess: true },
        },
      ],
    },
  ],
  gis: [
    {
      key: `${TRAIL_KEY}:gis`,
      parents: [`${TRAIL_KEY}:dm`],
      columns: {
        description: 'Existing and rerouted trail alignments',
        centroid_lat: 45.02,
        centroid_lon: -116.31,
        creator: 'Payette NF GIS',
        ...provenanceColumns(USFS),
      },
      elements: [
        {
          key: `${TRAIL_KEY}:gis:kml`,
          columns: {
            format: 'KML',
            access_method: 'URL',
            coordinate_system: 'EPSG:4326',
            purpose: 'bespoke',
            ...provenanceColumns(USFS),
          },
        },
      ],
    },
  ],
};
