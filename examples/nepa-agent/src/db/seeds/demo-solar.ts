/** Demo: a BLM utility-scale solar project with a complete EIS (NOI to ROD), of extraordinary complexity. */

import { BLM, text } from './provenance.js';
import { json, provenanceColumns, type SeedProject } from './writer.js';

export const SOLAR_KEY = 'demo:BLM-NV-2022-0107';

export const solar: SeedProject = {
  key: SOLAR_KEY,
  project: {
    code: 'BLM-NV-2022-0107',
    title: 'Silver Basin Solar Energy Project',
    description:
      'A 700 MW photovoltaic facility with 300 MW of battery storage and a 12-mile 230 kV gen-tie line on about 5,100 acres of public land.',
    sector: 'energy',
    sponsor: 'Silver Basin Solar LLC',
    leadAgency: 'Bureau of Land Management',
    location: 'Clark County, Nevada (36.21 N, 114.95 W)',
    ...BLM,
  },
  columns: {
    type: 'solar generation',
    current_status: 'completed',
    location_lat: 36.21,
    location_lon: -114.95,
    sponsor_contact: json({ name: 'Silver Basin Solar LLC', email: 'permits@silverbasin.example' }),
  },
  processes: [
    {
      key: `${SOLAR_KEY}:eis`,
      process: {
        type: 'EIS',
        status: 'completed',
        leadAgency: 'Bureau of Land Management',
        startDate: '2022-10-14',
        completionDate: '2024-05-01',
        ...BLM,
      },
      columns: {
        outcome: 'Record of Decision',
        stage: 'decision',
        cooperating_agencies: 'U.S. Fish and Wildlife Service; Nevada Department of Wildlife; Clark County',
        comment_start: '2023-06-09',
        comment_end: '2023-07-24',
        extraordinary_complexity: true,
        federal_id: 'DOI-BLM-NV-S010-2022-0107-EIS',
      },
      documents: [
        {
          key: `${SOLAR_KEY}:noi`,
          document: {
            title:
              'Notice of Intent to Prepare an Environmental Impact Statement for the Silver Basin Solar Energy Project',
            documentType: 'NOI',
            mediaType: 'text/plain',
            publicationDate: '2022-10-14',
            pageCount: 4,
            text: text(
              'The Bureau of Land Management (BLM) Southern Nevada District Office intends to prepare an environmental impact statement (EIS) for the Silver Basin Solar Energy Project and by this notice announces the beginning of the scoping process.',
              'Silver Basin Solar LLC has applied for a right-of-way grant for a 700 MW photovoltaic solar facility, 300 MW of battery storage and a 12-mile 230 kV generation-tie line on approximately 5,100 acres of BLM-administered land in Clark County, Nevada.',
              'The BLM requests comments on the scope of the analysis, including alternatives and the effects on Mojave desert tortoise habitat, visual resources and groundwater, by November 14, 2022. Virtual and in-person scoping meetings will be held on November 2 and 3, 2022.',
            ),
            ...BLM,
          },
          columns: {
            prepared_by: 'BLM Southern Nevada District Office',
            status: 'published',
            public_access: true,
          },
        },
        {
          key: `${SOLAR_KEY}:deis`,
          document: {
            title: 'Silver Basin Solar Energy Project Draft Environmental Impact Statement',
            documentType: 'Draft EIS',
            mediaType: 'text/plain',
            publicationDate: '2023-06-09',
            pageCount: 264,
            text: text(
              'Chapter 2 analyzes the proposed action and two action alternatives. Alternative B reduces the solar field to 3,900 acres and avoids the Piute Wash desert tortoise connectivity corridor; Alternative C relocates the gen-tie line along the existing Harry Allen transmission corridor.',
              'Chapter 3 finds that construction of the proposed action would remove about 5,100 acres of occupied desert tortoise habitat and require translocation of an estimated 55 adult tortoises under a biological opinion from the U.S. Fish and Wildlife Service.',
              'Groundwater use during construction would be about 1,200 acre-feet over 24 months from existing permitted wells; operational water use for panel washing would be about 20 acre-feet per year.',
              'The BLM has determined that the proposed action is of extraordinary complexity because of the tortoise translocation, the interconnection studies and the cumulative effects of four other solar projects in the valley.',
            ),
            ...BLM,
          },
          columns: {
            prepared_by: 'BLM Southern Nevada District Office',
            status: 'published',
            public_access: true,
          },
        },
        {
          key: `${SOLAR_KEY}:feis`,
          document: {
            title: 'Silver Basin Solar Energy Project Final Environmental Impact Statement',
            documentType: 'Final EIS',
            mediaType: 'text/plain',
            publicationDate: '2024-03-15',
            pageCount: 288,
            text: text(
              'The Final EIS identifies Alternative B as the agency-preferred alternative: a 3,900-acre solar field that avoids the Piute Wash desert tortoise connectivity corridor.',
              'In response to public comments the BLM added a visual simulation from Valley of Fire State Park, a groundwater monitoring plan with a drawdown trigger of 2 feet at the nearest domestic well, and seasonal restrictions on construction near active tortoise burrows from March 15 to October 31.',
            ),
            ...BLM,
          },
          columns: {
            prepared_by: 'BLM Southern Nevada District Office',
            status: 'published',
            public_access: true,
          },
        },
        {
          key: `${SOLAR_KEY}:rod`,
          document: {
            title: 'Record of Decision for the Silver Basin Solar Energy Project',
            documentType: 'ROD',
            mediaType: 'text/plain',
            publicationDate: '2024-05-01',
            pageCount: 42,
            text: text(
              'The BLM approves a right-of-way grant for Alternative B, the agency-preferred alternative described in the Final EIS, subject to the mitigation measures in Appendix B.',
              'Required mitigation includes desert tortoise clearance surveys and translocation, a compensatory mitigation fee for 3,900 acres of habitat, groundwater monitoring, and decommissioning and reclamation bonding.',
            ),
            ...BLM,
          },
          columns: { prepared_by: 'BLM Nevada State Office', status: 'final', public_access: true },
        },
      ],
      engagements: [
        {
          key: `${SOLAR_KEY}:scoping-meeting`,
          columns: {
            type: 'public meeting',
            location: 'hybrid: Las Vegas Field Office and online',
            attendance: 86,
            start_datetime: '2022-11-03T01:00:00Z',
            end_datetime: '2022-11-03T03:00:00Z',
            notes: 'Scoping meeting; most questions concerned desert tortoise and groundwater.',
            ...provenanceColumns(BLM),
          },
        },
      ],
      events: [
        {
          key: `${SOLAR_KEY}:ev:noi`,
          event: {
            eventType: 'NOI',
            eventDate: '2022-10-14',
            description: 'Notice of Intent published in the Federal Register.',
            ...BLM,
          },
          documentKey: `${SOLAR_KEY}:noi`,
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:complexity`,
          event: {
            eventType: 'extraordinary complexity determination',
            eventDate: '2022-10-14',
            description: 'Page limit of 300 pages applies.',
            ...BLM,
          },
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:deis`,
          event: { eventType: 'Draft EIS published', eventDate: '2023-06-09', ...BLM },
          documentKey: `${SOLAR_KEY}:deis`,
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:cp-open`,
          event: {
            eventType: 'comment period opened',
            eventDate: '2023-06-09',
            description: '45-day comment period on the Draft EIS.',
            ...BLM,
          },
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:cp-close`,
          event: { eventType: 'comment period closed', eventDate: '2023-07-24', ...BLM },
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:feis`,
          event: { eventType: 'Final EIS published', eventDate: '2024-03-15', ...BLM },
          documentKey: `${SOLAR_KEY}:feis`,
          columns: { status: 'completed' },
        },
        {
          key: `${SOLAR_KEY}:ev:rod`,
          event: {
            eventType: 'ROD',
            eventDate: '2024-05-01',
            description: 'Record of Decision signed.',
            ...BLM,
          },
          documentKey: `${SOLAR_KEY}:rod`,
          columns: { status: 'completed' },
        },
      ],
      comments: [
        {
          key: `${SOLAR_KEY}:c1`,
          documentKey: `${SOLAR_KEY}:deis`,
          comment: {
            commenter: 'Mojave Desert Conservancy',
            text: 'The translocation of 55 adult tortoises is not a mitigation measure. Please analyze an alternative that avoids the Piute Wash corridor entirely.',
            receivedDate: '2023-07-10',
            ...BLM,
          },
          columns: { submission_method: 'online', public_source: true, public_acess: true },
        },
        {
          key: `${SOLAR_KEY}:c2`,
          documentKey: `${SOLAR_KEY}:deis`,
          comment: {
            commenter: 'Moapa Valley resident',
            text: 'Our well is two miles from the site. How will the BLM make sure construction water does not lower the water table?',
            receivedDate: '2023-07-18',
            ...BLM,
          },
          columns: { submission_method: 'email', public_source: true, public_acess: true },
        },
        {
          key: `${SOLAR_KEY}:c3`,
          documentKey: `${SOLAR_KEY}:deis`,
          comment: {
            commenter: 'Nevada Division of State Parks',
            text: 'The Draft EIS lacks a visual simulation from Valley of Fire State Park.',
            receivedDate: '2023-07-21',
            ...BLM,
          },
          columns: { submission_method: 'mail', public_source: false, public_acess: true },
        },
      ],
    },
  ],
  gis: [
    {
      key: `${SOLAR_KEY}:gis`,
      parents: [SOLAR_KEY],
      columns: {
        description: 'Solar field and gen-tie right-of-way',
        centroid_lat: 36.21,
        centroid_lon: -114.95,
        creator: 'BLM Southern Nevada District GIS',
        ...provenanceColumns(BLM),
      },
      elements: [
        {
          key: `${SOLAR_KEY}:gis:row`,
          columns: {
            format: 'GeoJSON',
            access_method: 'direct upload',
            coordinate_system: 'EPSG:4326',
            top_left_lat: 36.3,
            top_left_lon: -115.05,
            bot_right_lat: 36.12,
            bot_right_lon: -114.85,
            purpose: 'bespoke',
            ...provenanceColumns(BLM),
          },
        },
      ],
    },
  ],
};
