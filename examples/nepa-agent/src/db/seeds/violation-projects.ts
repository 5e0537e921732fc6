/** Violation projects about leads, EA deadlines and page limits, orphan rows and provenance. */
import { FHWA, PLAIN, project, USFS } from './provenance.js';
import { MISSING_DOCUMENT_ID } from './violations.js';
import { provenanceColumns, type SeedProject } from './writer.js';

const completedCe = (
  key: string,
  lead: string | undefined,
  start: string,
  end: string,
): SeedProject['processes'][number] => ({
  key: `${key}:ce`,
  process: {
    type: 'CE',
    status: 'completed',
    startDate: start,
    completionDate: end,
    ...(lead === undefined ? {} : { leadAgency: lead }),
    ...USFS,
  },
  documents: [
    {
      key: `${key}:dm`,
      document: {
        title: 'Decision Memo',
        documentType: 'Decision Memo',
        mediaType: PLAIN,
        publicationDate: end,
        pageCount: 6,
        text: 'The action is categorically excluded; no extraordinary circumstances exist.',
        ...USFS,
      },
    },
  ],
  events: [
    {
      key: `${key}:ev:ce`,
      event: { eventType: 'CE determination', eventDate: end, ...USFS },
      documentKey: `${key}:dm`,
      columns: { status: 'completed' },
    },
  ],
});

export const OTHER_VIOLATION_PROJECTS: readonly SeedProject[] = [
  {
    key: 'viol:VIOL-NO-LEAD',
    project: project('VIOL-NO-LEAD', 'Juniper Flat Fuel Break', undefined),
    processes: [completedCe('viol:VIOL-NO-LEAD', undefined, '2023-03-01', '2023-05-01')],
  },
  {
    key: 'viol:VIOL-EA-LATE',
    project: {
      ...project('VIOL-EA-LATE', 'Pine Hollow Bridge Replacement', 'Federal Highway Administration', FHWA),
      sector: 'transportation',
    },
    processes: [
      {
        key: 'viol:VIOL-EA-LATE:ea',
        process: {
          type: 'EA',
          status: 'underway',
          leadAgency: 'Federal Highway Administration',
          startDate: '2022-03-01',
          ...FHWA,
        },
        events: [
          {
            key: 'viol:VIOL-EA-LATE:ev:start',
            event: { eventType: 'EA initiated', eventDate: '2022-03-01', ...FHWA },
            columns: { status: 'completed' },
          },
        ],
      },
    ],
  },
  {
    key: 'viol:VIOL-EA-LONG',
    project: project('VIOL-EA-LONG', 'Elk Ridge Communications Site', 'U.S. Forest Service'),
    processes: [
      {
        key: 'viol:VIOL-EA-LONG:ea',
        process: {
          type: 'EA',
          status: 'completed',
          leadAgency: 'U.S. Forest Service',
          startDate: '2023-01-09',
          completionDate: '2023-09-20',
          ...USFS,
        },
        documents: [
          {
            key: 'viol:VIOL-EA-LONG:ea-doc',
            document: {
              title: 'Elk Ridge Communications Site EA',
              documentType: 'EA',
              mediaType: PLAIN,
              publicationDate: '2023-06-12',
              pageCount: 112,
              text: 'EA for a 180-foot lattice tower and access road.',
              ...USFS,
            },
          },
          {
            key: 'viol:VIOL-EA-LONG:fonsi',
            document: {
              title: 'Elk Ridge FONSI',
              documentType: 'FONSI',
              mediaType: PLAIN,
              publicationDate: '2023-09-20',
              pageCount: 9,
              text: 'No significant impact.',
              ...USFS,
            },
          },
        ],
        events: [
          {
            key: 'viol:VIOL-EA-LONG:ev:fonsi',
            event: { eventType: 'FONSI', eventDate: '2023-09-20', ...USFS },
            documentKey: 'viol:VIOL-EA-LONG:fonsi',
            columns: { status: 'completed' },
          },
        ],
      },
    ],
  },
  {
    key: 'viol:VIOL-ORPHANS',
    project: project('VIOL-ORPHANS', 'Lost Creek Campground Rehabilitation', 'U.S. Forest Service'),
    processes: [
      {
        ...completedCe('viol:VIOL-ORPHANS', 'U.S. Forest Service', '2023-04-03', '2023-06-15'),
        comments: [
          {
            key: 'viol:VIOL-ORPHANS:comment',
            comment: {
              commenter: 'Friends of Lost Creek',
              text: 'Comment on the scoping notice, which was never loaded.',
              receivedDate: '2023-04-20',
              ...USFS,
            },
            columns: { cited_document_id: MISSING_DOCUMENT_ID, submission_method: 'email' },
          },
        ],
      },
    ],
    gis: [
      {
        key: 'viol:VIOL-ORPHANS:gis-two-parents',
        parents: ['viol:VIOL-ORPHANS', 'viol:VIOL-ORPHANS:ce'],
        columns: { description: 'Campground loops', ...provenanceColumns(USFS) },
      },
      {
        key: 'viol:VIOL-ORPHANS:gis-no-parent',
        parents: [],
        columns: { description: 'Unattached boundary file', ...provenanceColumns(USFS) },
      },
    ],
  },
  {
    key: 'viol:VIOL-NO-PROVENANCE',
    project: {
      code: 'VIOL-NO-PROVENANCE',
      title: 'Willow Springs Fence Line',
      description: 'Four miles of wildlife-friendly fence.',
      sector: 'land management',
      leadAgency: 'U.S. Forest Service',
    },
    processes: [completedCe('viol:VIOL-NO-PROVENANCE', 'U.S. Forest Service', '2023-07-10', '2023-08-30')],
  },
];
