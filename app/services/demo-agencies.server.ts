import { addMissingWelsh, hasAgencies, upsertAgencies, type AgencyDetails } from "#app/models/agency.server";
import { db, oneAtATime } from "#db/client.server";

/*
 * The agencies of the demo's fictional borough, Demo, so the share journey
 * has somewhere to send a story before a council imports its own list, with
 * the Welsh names such services in Wales go by. Every address is under a
 * reserved example domain (RFC 2606), so no email the demo sends can reach a
 * real inbox.
 */
export const demoAgencies: AgencyDetails[] = [
  {
    key: "adult-social-care",
    name: "Demo Council Adult Social Care",
    description: "Helps adults who need care or support to stay safe, stay well and live the life they want at home.",
    nameCy: "Gofal Cymdeithasol Oedolion Cyngor Demo",
    descriptionCy: "Yn helpu oedolion sydd angen gofal neu gymorth i gadw’n ddiogel, cadw’n iach a byw’r bywyd maen nhw eisiau gartref.",
    contactEmail: "adult.care@demo-council.example.org",
    domains: ["demo-council.example.org"],
    active: true,
  },
  {
    key: "childrens-early-help",
    name: "Demo Council Children's Early Help",
    description: "A named worker who helps families with children early on, before small worries grow into big ones.",
    nameCy: "Cymorth Cynnar i Blant Cyngor Demo",
    descriptionCy: "Gweithiwr penodol sy’n helpu teuluoedd â phlant yn gynnar, cyn i bryderon bach droi’n rhai mawr.",
    contactEmail: "early.help@demo-council.example.org",
    domains: ["demo-council.example.org"],
    active: true,
  },
  {
    key: "housing-options",
    name: "Demo Council Housing Options",
    description: "Help if you have nowhere to live, might lose your home soon, or your home is not safe for you.",
    nameCy: "Opsiynau Tai Cyngor Demo",
    descriptionCy: "Help os nad oes gennych chi unman i fyw, os gallech chi golli eich cartref cyn bo hir, neu os nad yw eich cartref yn ddiogel i chi.",
    contactEmail: "housing.options@housing.demo-council.example.org",
    domains: ["demo-council.example.org", "housing.demo-council.example.org"],
    active: true,
  },
  {
    key: "riverside-medical-practice",
    name: "Riverside Medical Practice",
    description: "A GP surgery on Mill Lane: appointments with doctors and nurses, prescriptions and health checks.",
    nameCy: "Meddygfa Glan yr Afon",
    descriptionCy: "Meddygfa ar Lôn y Felin: apwyntiadau gyda meddygon a nyrsys, presgripsiynau a gwiriadau iechyd.",
    contactEmail: "riverside.practice@nhs.example.net",
    domains: ["nhs.example.net"],
    active: true,
  },
  {
    key: "community-mental-health",
    name: "Demo Community Mental Health Team",
    description: "NHS nurses, doctors and support workers who help adults whose mental health makes daily life hard.",
    nameCy: "Tîm Iechyd Meddwl Cymunedol Demo",
    descriptionCy: "Nyrsys, meddygon a gweithwyr cymorth y GIG sy’n helpu oedolion pan fo’u hiechyd meddwl yn gwneud bywyd bob dydd yn anodd.",
    contactEmail: "demo.cmht@nhs.example.net",
    domains: ["nhs.example.net", "demo-mentalhealth.example.net"],
    active: true,
  },
  {
    key: "health-visiting",
    name: "Demo Health Visiting Service",
    description: "NHS nurses who help families with children under 5 with feeding, sleep, growing up and staying well.",
    nameCy: "Gwasanaeth Ymwelwyr Iechyd Demo",
    descriptionCy: "Nyrsys y GIG sy’n helpu teuluoedd â phlant dan 5 oed gyda bwydo, cysgu, tyfu i fyny a chadw’n iach.",
    contactEmail: "health.visitors@demo-community-health.example.net",
    domains: ["nhs.example.net", "demo-community-health.example.net"],
    active: true,
  },
  {
    key: "neighbourhood-policing",
    name: "Demo Neighbourhood Policing Team",
    description: "Local police officers who deal with crime and antisocial behaviour near you. In an emergency, call 999.",
    nameCy: "Tîm Plismona Bro Demo",
    descriptionCy: "Swyddogion heddlu lleol sy’n delio â throseddau ac ymddygiad gwrthgymdeithasol yn eich ardal chi. Mewn argyfwng, ffoniwch 999.",
    contactEmail: "demo.neighbourhood@police.example.net",
    domains: ["police.example.net"],
    active: true,
  },
  {
    key: "jobcentre-plus",
    name: "Demo Jobcentre Plus",
    description: "Help to find work, and to claim benefits like Universal Credit if you are out of work or on a low income.",
    nameCy: "Canolfan Byd Gwaith Demo",
    descriptionCy: "Help i ddod o hyd i waith, ac i hawlio budd-daliadau fel Credyd Cynhwysol os nad ydych chi’n gweithio neu os yw eich incwm yn isel.",
    contactEmail: "demo.jobcentre@dwp.example.net",
    domains: ["dwp.example.net"],
    active: true,
  },
  {
    key: "citizens-advice",
    name: "Citizens Advice Demo",
    description: "Free, private advice about money, debt, benefits, housing, work and your rights.",
    nameCy: "Cyngor ar Bopeth Demo",
    descriptionCy: "Cyngor preifat am ddim am arian, dyledion, budd-daliadau, tai, gwaith a’ch hawliau.",
    contactEmail: "advice@citizensadvice-demo.example.org",
    domains: ["citizensadvice-demo.example.org"],
    active: true,
  },
  {
    key: "domestic-abuse-support",
    name: "Safe Together Demo (domestic abuse support)",
    description: "Private support for anyone hurt or frightened by a partner or family member, including help to stay safe.",
    nameCy: "Diogel Gyda’n Gilydd Demo (cymorth cam-drin domestig)",
    descriptionCy: "Cymorth preifat i bobl sy’n cael eu brifo neu eu dychryn gan bartner neu aelod o’r teulu, gan gynnwys help i gadw’n ddiogel.",
    contactEmail: "support@safe-together.example.org",
    domains: ["safe-together.example.org"],
    active: true,
  },
  {
    key: "community-hub-food-bank",
    name: "Demo Community Hub and Food Bank",
    description: "Food parcels, a warm place to sit with a cup of tea, and friendly help to find local groups.",
    nameCy: "Hwb Cymunedol a Banc Bwyd Demo",
    descriptionCy: "Parseli bwyd, lle cynnes i eistedd gyda phaned, a help cyfeillgar i ddod o hyd i grwpiau lleol.",
    contactEmail: "hello@demo-community-hub.example.org",
    domains: ["demo-community-hub.example.org"],
    active: true,
  },
  {
    key: "carers-centre",
    name: "Demo Carers Centre",
    description: "Advice, breaks and someone to talk to for people who look after a family member or friend.",
    nameCy: "Canolfan Gofalwyr Demo",
    descriptionCy: "Cyngor, seibiant a rhywun i siarad â nhw i bobl sy’n gofalu am aelod o’r teulu neu ffrind.",
    contactEmail: "info@demo-carers.example.org",
    domains: ["demo-carers.example.org"],
    active: true,
  },
];

/**
 * Gives the demo its agencies, only when there are none: a council that has
 * imported its own list never gets demo agencies mixed in. A demo database
 * seeded before the agencies had Welsh gets it for each demo agency still as
 * seeded (addMissingWelsh), so nothing a council wrote is overwritten.
 * Returns how many agencies were added.
 */
export async function seedDemoAgencies(now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    // So that two instances starting at once cannot both find the table empty.
    await oneAtATime(tx, "agencies");
    if (!(await hasAgencies(tx))) return (await upsertAgencies(tx, demoAgencies, now)).created;
    await addMissingWelsh(tx, demoAgencies, now);
    return 0;
  });
}
