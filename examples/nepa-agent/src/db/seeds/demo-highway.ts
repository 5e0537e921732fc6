/** Demo: an FHWA highway widening with an EA and a FONSI within one year. */

import { FHWA, text } from './provenance.js';
import { provenanceColumns, type SeedProject } from './writer.js';

export const HIGHWAY_KEY = 'demo:FHWA-ID-2023-0012';

export const highway: SeedProject = {
  key: HIGHWAY_KEY,
  project: {
    code: 'FHWA-ID-2023-0012',
    title: 'State Highway 44 Widening, Star to Middleton',
    description:
      'Widening 6.2 miles of SH-44 from two to four lanes with a center turn lane, a roundabout and a shared-use path.',
    sector: 'transportation',
    sponsor: 'Idaho Transportation Department',
    leadAgency: 'Federal Highway Administration',
    location: 'Ada and Canyon Counties, Idaho',
    ...FHWA,
  },
  columns: { type: 'highway', current_status: 'completed' },
  processes: [
    {
      key: `${HIGHWAY_KEY}:ea`,
      process: {
        type: 'EA',
        status: 'completed',
        leadAgency: 'Federal Highway Administration',
        startDate: '2023-01-17',
        completionDate: '2023-12-05',
        ...FHWA,
      },
      columns: {
        outcome: 'Finding of No Significant Impact',
        joint_lead_agency: 'Idaho Transportation Department',
        comment_start: '2023-08-21',
        comment_end: '2023-09-20',
      },
      documents: [
        {
          key: `${HIGHWAY_KEY}:ea-doc`,
          document: {
            title: 'SH-44 Star to Middleton Environmental Assessment',
            documentType: 'EA',
            mediaType: 'text/plain',
            publicationDate: '2023-08-21',
            pageCount: 68,
            text: text(
              'The purpose of the project is to relieve congestion and improve safety on SH-44 between Star and Middleton, where traffic is projected to grow from 21,000 to 34,000 vehicles per day by 2045 and the crash rate is 1.6 times the statewide average for similar roads.',
              'The build alternative widens the highway to four lanes, adds a roundabout at Can-Ada Road and a 10-foot shared-use path. It requires 38 acres of new right-of-way, relocates two residences and fills 0.8 acres of irrigation-ditch wetlands, mitigated at a 2:1 ratio.',
              'Traffic noise would exceed the abatement criterion at 14 residences; a noise wall between stations 120+00 and 131+50 was found reasonable and feasible.',
            ),
            ...FHWA,
          },
          columns: {
            prepared_by: 'Idaho Transportation Department',
            status: 'published',
            public_access: true,
          },
        },
        {
          key: `${HIGHWAY_KEY}:fonsi`,
          document: {
            title: 'SH-44 Star to Middleton Finding of No Significant Impact',
            documentType: 'FONSI',
            mediaType: 'text/plain',
            publicationDate: '2023-12-05',
            pageCount: 12,
            text: text(
              'Based on the Environmental Assessment and the comments received at the September 7, 2023 public hearing, FHWA finds that the build alternative will not have a significant impact on the human environment.',
              'Commitments: the noise wall between stations 120+00 and 131+50, 2:1 wetland mitigation at the Boise River mitigation bank, and no in-water work in the Middleton Mill Ditch during irrigation season.',
            ),
            ...FHWA,
          },
          columns: { prepared_by: 'FHWA Idaho Division', status: 'final', public_access: true },
        },
      ],
      events: [
        {
          key: `${HIGHWAY_KEY}:ev:start`,
          event: { eventType: 'EA initiated', eventDate: '2023-01-17', ...FHWA },
          columns: { status: 'completed' },
        },
        {
          key: `${HIGHWAY_KEY}:ev:ea`,
          event: { eventType: 'EA published', eventDate: '2023-08-21', ...FHWA },
          documentKey: `${HIGHWAY_KEY}:ea-doc`,
          columns: { status: 'completed' },
        },
        {
          key: `${HIGHWAY_KEY}:ev:hearing`,
          event: {
            eventType: 'public hearing',
            eventDate: '2023-09-07',
            description: 'Public hearing at Middleton High School.',
            ...FHWA,
          },
          columns: { status: 'completed' },
        },
        {
          key: `${HIGHWAY_KEY}:ev:fonsi`,
          event: { eventType: 'FONSI', eventDate: '2023-12-05', ...FHWA },
          documentKey: `${HIGHWAY_KEY}:fonsi`,
          columns: { status: 'completed' },
        },
      ],
      comments: [
        {
          key: `${HIGHWAY_KEY}:c1`,
          documentKey: `${HIGHWAY_KEY}:ea-doc`,
          comment: {
            commenter: 'Star Chamber of Commerce',
            text: 'Please keep access to businesses open during construction of the roundabout.',
            receivedDate: '2023-09-07',
            ...FHWA,
          },
          columns: { submission_method: 'in-person', public_source: true, public_acess: true },
        },
        {
          key: `${HIGHWAY_KEY}:c2`,
          documentKey: `${HIGHWAY_KEY}:ea-doc`,
          comment: {
            commenter: 'Treasure Valley Cyclists',
            text: 'We support the shared-use path and ask that it connect to the Middleton greenbelt.',
            receivedDate: '2023-09-15',
            ...FHWA,
          },
          columns: { submission_method: 'online', public_source: true, public_acess: true },
        },
      ],
    },
  ],
  gis: [
    {
      key: `${HIGHWAY_KEY}:gis`,
      parents: [`${HIGHWAY_KEY}:ea`],
      columns: {
        description: 'SH-44 corridor centerline, mileposts 9.8 to 16.0',
        centroid_lat: 43.69,
        centroid_lon: -116.55,
        creator: 'ITD District 3',
        ...provenanceColumns(FHWA),
      },
    },
  ],
};
